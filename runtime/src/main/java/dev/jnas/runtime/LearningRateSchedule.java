package dev.jnas.runtime;

import ai.djl.training.tracker.Tracker;
import java.io.Serializable;

/** How the learning rate moves over a trial's training: fixed, cosine to zero, or stepped down. */
public sealed interface LearningRateSchedule extends Serializable {
  /** DJL's tracker for a base rate over {@code epochs} epochs of {@code stepsPerEpoch} updates. */
  Tracker tracker(float base, int stepsPerEpoch, int epochs);

  /** The same rate throughout (the default). */
  static LearningRateSchedule fixed() {
    return new Fixed();
  }

  /** Cosine annealing from the base rate to zero over the whole training. */
  static LearningRateSchedule cosine() {
    return new Cosine();
  }

  /** The rate times {@code factor} after every {@code everyEpochs} epochs. */
  static LearningRateSchedule step(int everyEpochs, double factor) {
    return new Step(everyEpochs, factor);
  }

  /** A fixed rate. */
  record Fixed() implements LearningRateSchedule {
    @Override
    public Tracker tracker(float base, int stepsPerEpoch, int epochs) {
      return Tracker.fixed(base);
    }
  }

  /** Cosine annealing to zero. */
  record Cosine() implements LearningRateSchedule {
    @Override
    public Tracker tracker(float base, int stepsPerEpoch, int epochs) {
      return Tracker.cosine().setBaseValue(base).optFinalValue(0).setMaxUpdates(Math.max(1, stepsPerEpoch * epochs)).build();
    }
  }

  /** A step decay. */
  record Step(int everyEpochs, double factor) implements LearningRateSchedule {
    public Step {
      if (everyEpochs < 1) {
        throw new IllegalArgumentException("a step schedule needs everyEpochs >= 1, got " + everyEpochs);
      }
      if (!(factor > 0 && factor < 1)) {
        throw new IllegalArgumentException("a step schedule's factor must be between 0 and 1 (exclusive), got " + factor);
      }
    }

    @Override
    public Tracker tracker(float base, int stepsPerEpoch, int epochs) {
      int count = Math.max(0, (epochs - 1) / everyEpochs);
      if (count == 0) {
        return Tracker.fixed(base);
      }
      int[] steps = new int[count];
      for (int i = 0; i < count; i++) {
        steps[i] = (i + 1) * everyEpochs * stepsPerEpoch;
      }
      return Tracker.multiFactor().setBaseValue(base).setSteps(steps).optFactor((float) factor).build();
    }
  }
}
