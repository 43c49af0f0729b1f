package dev.jnas.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The training and validation sets a built-in evaluator reads: two {@link DatasetSource}s, or one
 * split by a fixed shuffle (the same split in every trial and every run).
 */
public final class TrainingData implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The shuffle behind {@link #split}: fixed, so every trial validates on the same examples. */
  private static final long SPLIT_SEED = 0x5EED;

  private final DatasetSource train;
  private final DatasetSource validation;
  private final double trainFraction;

  private TrainingData(DatasetSource train, DatasetSource validation, double trainFraction) {
    this.train = train;
    this.validation = validation;
    this.trainFraction = trainFraction;
  }

  /** Trains on {@code train}, validates on {@code validation}. */
  public static TrainingData of(DatasetSource train, DatasetSource validation) {
    if (train == null || validation == null) {
      throw new IllegalArgumentException("TrainingData.of needs a training and a validation source");
    }
    return new TrainingData(train, validation, 0);
  }

  /** Trains on a {@code trainFraction} of {@code all}, validates on the rest, split by a fixed shuffle. */
  public static TrainingData split(DatasetSource all, double trainFraction) {
    if (all == null) {
      throw new IllegalArgumentException("TrainingData.split needs a source");
    }
    if (!(trainFraction > 0 && trainFraction < 1)) {
      throw new IllegalArgumentException("trainFraction must be between 0 and 1 (exclusive), got " + trainFraction);
    }
    return new TrainingData(all, null, trainFraction);
  }

  /** Both sets, built in {@code manager}. */
  public Sets open(NDManager manager) throws Exception {
    RandomAccessDataset first = built(train, manager, "training");
    if (validation != null) {
      return new Sets(first, built(validation, manager, "validation"));
    }
    long size = first.size();
    List<Long> order = new ArrayList<>();
    for (long i = 0; i < size; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(SPLIT_SEED));
    int cut = (int) Math.round(size * trainFraction);
    if (cut == 0 || cut == size) {
      throw new IllegalArgumentException("splitting " + size + " examples at " + trainFraction + " leaves an empty "
          + (cut == 0 ? "training" : "validation") + " set");
    }
    return new Sets(first.subDataset(order.subList(0, cut)), first.subDataset(order.subList(cut, (int) size)));
  }

  /**
   * The shape of each input of one example (no batch dimension) and of its label, read from the
   * first training example: what the experiment traces the space with when its config names none.
   */
  public Shapes shapes() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Record first = built(train, manager, "training").get(manager, 0);
      return new Shapes(shapes(first.getData()), shapes(first.getLabels()));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the first training example: " + e.getMessage(), e);
    }
  }

  private static List<Shape> shapes(NDList list) {
    List<Shape> out = new ArrayList<>();
    for (NDArray a : list) {
      out.add(a.getShape());
    }
    return List.copyOf(out);
  }

  private static RandomAccessDataset built(DatasetSource source, NDManager manager, String which) throws Exception {
    RandomAccessDataset set = source.build(manager);
    if (set == null) {
      throw new IllegalStateException("the " + which + " DatasetSource returned null");
    }
    set.prepare();
    if (set.size() == 0) {
      throw new IllegalArgumentException("the " + which + " set is empty");
    }
    return set;
  }

  /** A training and a validation set. */
  public record Sets(RandomAccessDataset train, RandomAccessDataset validation) {}

  /** Per-example shapes of the inputs and labels. */
  public record Shapes(List<Shape> inputs, List<Shape> labels) {}
}
