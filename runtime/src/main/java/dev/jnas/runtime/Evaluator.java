package dev.jnas.runtime;

/**
 * Evaluates one architecture: trains or scores blocks from the factory and reports through
 * {@link Nas}. A trial without a final result, or that throws, fails.
 */
@FunctionalInterface
public interface Evaluator {
  void evaluate(ModelFactory models) throws Exception;
}
