package dev.jnas.runtime;

/** Wraps a function of the model factory, as NNI's {@code FunctionalEvaluator(evaluate_model)}. */
public final class FunctionalEvaluator implements Evaluator {
  private static final long serialVersionUID = 1L;

  private final Evaluator function;

  public FunctionalEvaluator(Evaluator function) {
    if (function == null) {
      throw new IllegalArgumentException("a FunctionalEvaluator needs a function");
    }
    this.function = function;
  }

  @Override
  public void evaluate(ModelFactory models) throws Exception {
    function.evaluate(models);
  }
}
