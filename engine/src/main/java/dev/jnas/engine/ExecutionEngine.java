package dev.jnas.engine;

/** How a trial's architecture is made from its sample. */
public enum ExecutionEngine {
  /** Instantiate the space class with the sample fixed and trace it (NNI's "pure" python engine). */
  PURE,
  /** Apply the mutators to the space traced once (NNI's graph-based "base" engine). */
  BASE,
  /**
   * Generate and compile nothing: the evaluator looks metrics up in a {@link BenchmarkTable}, as
   * NNI's benchmark engine does. {@code ModelFactory.newBlock()} is not available.
   */
  BENCHMARK
}
