package dev.jnas.runtime;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.RandomAccessDataset;
import java.io.Serializable;

/**
 * Builds a DJL dataset where a trial runs. Trials run in worker JVMs, so what travels is this
 * recipe (serializable: a lambda capturing a path, say), not the data: {@code manager ->
 * ImageFolder.builder().setRepositoryPath(dir).build()}, {@link MnistData}, or {@link #arrays}.
 * The evaluator chooses batch size and order, so the dataset's own sampling is not used.
 */
@FunctionalInterface
public interface DatasetSource extends Serializable {
  /** The dataset, its arrays in {@code manager} (which the trial closes). */
  RandomAccessDataset build(NDManager manager) throws Exception;

  /**
   * In-memory examples: {@code features} holds {@code n} examples of {@code exampleShape} one after
   * another, {@code labels} one value per example (a class index or a regression target), or
   * {@code labels.length / n} values per example.
   */
  static DatasetSource arrays(float[] features, long[] exampleShape, float[] labels) {
    return new Arrays(features.clone(), exampleShape.clone(), labels.clone());
  }

  /** The in-memory examples of {@link #arrays}. */
  record Arrays(float[] features, long[] exampleShape, float[] labels) implements DatasetSource {
    public Arrays {
      long perExample = new Shape(exampleShape).size();
      if (perExample <= 0 || features.length % perExample != 0) {
        throw new IllegalArgumentException("features hold " + features.length + " values, not a whole number of examples of shape "
            + new Shape(exampleShape));
      }
      long n = features.length / perExample;
      if (n == 0 || labels.length % n != 0) {
        throw new IllegalArgumentException(n + " examples but " + labels.length + " label values; give one or more per example");
      }
    }

    @Override
    public RandomAccessDataset build(NDManager manager) {
      long n = features.length / new Shape(exampleShape).size();
      long[] dims = new long[exampleShape.length + 1];
      dims[0] = n;
      System.arraycopy(exampleShape, 0, dims, 1, exampleShape.length);
      long perLabel = labels.length / n;
      Shape labelShape = perLabel == 1 ? new Shape(n) : new Shape(n, perLabel);
      return new ArrayDataset.Builder()
          .setData(manager.create(features, new Shape(dims)))
          .optLabels(manager.create(labels, labelShape))
          .setSampling(1, false)
          .build();
    }
  }
}
