package dev.jnas.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains a classifier (softmax cross-entropy over integer class labels) and reports validation
 * {@code accuracy} (also {@code "default"}), {@code loss} and, when asked, {@code top<k>} accuracy.
 * Expects the block to end in logSoftmax (as the tutorial); call {@link #logits()} for one that
 * ends in raw scores.
 */
public final class ClassificationEvaluator extends SupervisedEvaluator<ClassificationEvaluator> {
  private static final long serialVersionUID = 2L;

  private boolean logits;
  private int topK;

  /** Trains on {@code data}'s training set, validates on its validation set. */
  public ClassificationEvaluator(TrainingData data) {
    super(data);
  }

  /** Trains on {@code train}, validates on {@code validation} (MNIST splits, say). */
  public ClassificationEvaluator(DatasetSource train, DatasetSource validation) {
    super(TrainingData.of(train, validation));
  }

  @Override
  protected ClassificationEvaluator self() {
    return this;
  }

  /** The block ends in raw scores rather than logSoftmax. */
  public ClassificationEvaluator logits() {
    this.logits = true;
    return this;
  }

  /** Also reports {@code top<k>}: how often the label is among the {@code k} highest scores. */
  public ClassificationEvaluator topK(int k) {
    this.topK = positive(k, "topK");
    return this;
  }

  /** Whether the block ends in raw scores rather than logSoftmax. */
  boolean logitsOnly() {
    return logits;
  }

  @Override
  protected Loss loss() {
    // A block ending in logSoftmax gives log-probabilities: fromLogit=true would apply logSoftmax again.
    return Loss.softmaxCrossEntropyLoss("loss", 1, -1, true, logits);
  }

  @Override
  protected Map<String, Double> validate(Trainer trainer, Iterable<Batch> validation) {
    ClassificationTally tally = new ClassificationTally(loss());
    long inTopK = 0;
    for (Batch batch : validation) {
      try (batch) {
        NDArray scores = trainer.evaluate(batch.getData()).singletonOrThrow();
        NDArray asPredicted = tally.count(scores, batch.getLabels().singletonOrThrow());
        if (topK > 0) {
          long k = Math.min(topK, scores.getShape().get(1));
          NDArray best = scores.argSort(1, false).get(":, :" + k);
          // A row holds each class once, so its matches are 0 or 1.
          inTopK += best.eq(asPredicted.reshape(asPredicted.size(), 1)).countNonzero().getLong();
        }
      }
    }
    Map<String, Double> named = new LinkedHashMap<>();
    named.put("accuracy", tally.accuracy());
    named.put("loss", tally.loss());
    if (topK > 0) {
      named.put("top" + topK, (double) inTopK / tally.total());
    }
    return metrics("accuracy", named);
  }
}
