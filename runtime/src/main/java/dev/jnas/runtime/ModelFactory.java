package dev.jnas.runtime;

import ai.djl.nn.Block;
import java.util.Map;

/** The architecture a trial evaluates, as NNI's {@code model_cls}: each call builds a fresh block. */
public interface ModelFactory {
  /** A new, uninitialised DJL block of the trial's architecture (an instance of the generated class). */
  Block newBlock();

  /** The decisions of the architecture, label to decision. */
  Map<String, Object> sample();

  /** The architecture hash, stored with saved parameters and checked on load. */
  String architecture();

  /**
   * Keeps a trained block of this architecture in the trial's folder: its parameters
   * ({@code model-0000.params}, with the architecture hash) and an ONNX export ({@code model.onnx}),
   * so the experiment can export the trained top models. Evaluators call it after training.
   */
  default void saveTrained(Block trained) {}
}
