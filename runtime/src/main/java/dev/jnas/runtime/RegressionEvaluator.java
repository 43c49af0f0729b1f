package dev.jnas.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Trains a regressor on mean squared error and reports validation {@code mse} (also
 * {@code "default"}, so lower is better: run the experiment with {@code OptimizeMode.MINIMIZE}) and
 * {@code mae}. The block's output must hold one value per target value (a {@code (batch, 1)} output
 * for one target per example).
 */
public final class RegressionEvaluator extends SupervisedEvaluator<RegressionEvaluator> {
  private static final long serialVersionUID = 1L;

  /** A regression evaluator training on {@code data}; throws {@link IllegalArgumentException} if it is null. */
  public RegressionEvaluator(TrainingData data) {
    super(data);
  }

  @Override
  protected RegressionEvaluator self() {
    return this;
  }

  @Override
  public Optional<Boolean> lowerIsBetter() {
    return Optional.of(true);
  }

  @Override
  protected Loss loss() {
    return new SquaredError();
  }

  @Override
  protected Map<String, Double> validate(Trainer trainer, Iterable<Batch> validation) {
    double squared = 0;
    double absolute = 0;
    long total = 0;
    for (Batch batch : validation) {
      try (batch) {
        NDArray labels = batch.getLabels().singletonOrThrow();
        NDArray error = matched(trainer.evaluate(batch.getData()).singletonOrThrow(), labels).sub(labels);
        squared += error.square().sum().getFloat();
        absolute += error.abs().sum().getFloat();
        total += labels.size();
      }
    }
    Map<String, Double> named = new LinkedHashMap<>();
    named.put("mse", squared / total);
    named.put("mae", absolute / total);
    return metrics("mse", named);
  }

  /** The prediction in the labels' shape: (batch, 1) against (batch) is one value each, not a broadcast. */
  static NDArray matched(NDArray prediction, NDArray labels) {
    if (prediction.getShape().equals(labels.getShape())) {
      return prediction;
    }
    if (prediction.size() != labels.size()) {
      throw new IllegalArgumentException("the block's output " + prediction.getShape() + " does not hold one value per target "
          + labels.getShape());
    }
    return prediction.reshape(labels.getShape());
  }

  /** Mean squared error with the prediction matched to the labels' shape. */
  private static final class SquaredError extends Loss {
    SquaredError() {
      super("loss");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
      NDArray label = labels.singletonOrThrow();
      return matched(predictions.singletonOrThrow(), label).sub(label).square().mean();
    }
  }
}
