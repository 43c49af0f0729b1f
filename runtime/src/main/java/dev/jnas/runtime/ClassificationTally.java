package dev.jnas.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/** Accuracy and mean loss over batches of class scores, counted as validation and the one-shot search both count them. */
final class ClassificationTally {
  private final Loss loss;
  private long correct;
  private long total;
  private double lossSum;

  ClassificationTally(Loss loss) {
    this.loss = loss;
  }

  /** Counts one batch's scores (examples by classes) against its labels; returns the labels as the predictions' type. */
  NDArray count(NDArray scores, NDArray labels) {
    long n = labels.size();
    lossSum += loss.evaluate(new NDList(labels), new NDList(scores)).getFloat() * n;
    NDArray predicted = scores.argMax(1);
    NDArray asPredicted = labels.toType(predicted.getDataType(), false);
    correct += predicted.eq(asPredicted).countNonzero().getLong();
    total += n;
    return asPredicted;
  }

  long total() {
    return total;
  }

  double accuracy() {
    return (double) correct / total;
  }

  double loss() {
    return lossSum / total;
  }
}
