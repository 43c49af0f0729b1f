package dev.jnas.runtime;

import java.util.List;

/**
 * Wraps a function of the model factory, as NNI's {@code FunctionalEvaluator(evaluate_model)}; the
 * function reads the settings it searches from the sample: {@code lr.valueIn(models.sample())}.
 */
public final class FunctionalEvaluator implements Evaluator {
  private static final long serialVersionUID = 1L;

  private final Evaluator function;
  private final List<Hyperparameter<?>> hyperparameters;

  /** Runs {@code function}, which searches {@code hyperparameters} (maybe none) with the architecture. */
  public FunctionalEvaluator(Evaluator function, Hyperparameter<?>... hyperparameters) {
    if (function == null) {
      throw new IllegalArgumentException("a FunctionalEvaluator needs a function");
    }
    this.function = function;
    this.hyperparameters = List.of(hyperparameters);
  }

  @Override
  public List<Hyperparameter<?>> hyperparameters() {
    return hyperparameters;
  }

  @Override
  public void evaluate(ModelFactory models) throws Exception {
    function.evaluate(models);
  }
}
