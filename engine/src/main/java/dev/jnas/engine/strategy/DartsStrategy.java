package dev.jnas.engine.strategy;

import dev.jnas.runtime.OneShotTrainer;
import dev.jnas.runtime.OneShotTrial;
import java.util.Map;

/**
 * First-order DARTS (NNI's {@code DartsStrategy}): the supernet mixes every choice by softmax
 * architecture weights, trained on one half of the training set while the weights train on the
 * other; the architecture is each choice's strongest candidate. See {@link OneShotStrategy}.
 */
public final class DartsStrategy extends OneShotStrategy<DartsStrategy> {
  private double architectureLearningRate = 3e-4;

  /** DARTS with the paper's architecture learning rate, retraining what it derives. */
  public DartsStrategy() {
    super(OneShotTrainer.Method.DARTS);
  }

  /** Adam's learning rate for the architecture weights (default 3e-4, as DARTS). */
  public DartsStrategy architectureLearningRate(double rate) {
    if (!(rate > 0) || !Double.isFinite(rate)) {
      throw new IllegalArgumentException("architectureLearningRate must be positive and finite, got " + rate);
    }
    this.architectureLearningRate = rate;
    return this;
  }

  @Override
  protected DartsStrategy self() {
    return this;
  }

  @Override
  protected Map<String, Object> supernetSample() {
    return OneShotTrial.sample(OneShotTrainer.Method.DARTS, epochs(), 0, 0, architectureLearningRate);
  }
}
