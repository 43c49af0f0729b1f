package dev.jnas.runtime;

import ai.djl.ndarray.types.Shape;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates one architecture: trains or scores blocks from the factory and reports through
 * {@link Nas}. A trial without a final result, or that throws, fails.
 *
 * <p>Trials run in worker JVMs, so an evaluator travels there serialized: it is
 * {@link Serializable}, and so must be what it holds. A lambda or method reference is
 * serializable when what it captures is (numbers, strings, {@link MnistData}, other evaluators);
 * the experiment checks this when it starts and names what cannot travel.
 */
@FunctionalInterface
public interface Evaluator extends Serializable {
  /**
   * Evaluates the architecture whose blocks {@code models} makes, reporting results through {@link Nas}; anything
   * thrown fails the trial.
   */
  void evaluate(ModelFactory models) throws Exception;

  /**
   * The settings this evaluator searches (learning rate, batch size, ...): the experiment adds them
   * to the search space after the model's choices, and each trial's sample decides them.
   */
  default List<Hyperparameter<?>> hyperparameters() {
    return List.of();
  }

  /**
   * The shape of each model input for one example (no batch dimension), when the evaluator knows
   * its data: the experiment traces the space with them unless its config gives an input shape.
   */
  default Optional<List<Shape>> inputShapes() {
    return Optional.empty();
  }

  /**
   * Whether a lower final metric is better (an error) or higher (an accuracy), when the evaluator
   * knows: an experiment optimizing the other way is refused at start.
   */
  default Optional<Boolean> lowerIsBetter() {
    return Optional.empty();
  }
}
