package dev.jnas.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import java.util.Set;

/**
 * One optimizer for a supernet's two kinds of parameters, alternating as DARTS does: while the
 * phase is {@link Phase#ARCHITECTURE} only the architecture parameters move (with their own
 * optimizer), while it is {@link Phase#WEIGHTS} only the others. A DJL trainer updates every
 * parameter on each step; this is where the other group is left alone.
 */
final class PhasedOptimizer extends Optimizer {
  /** Which parameters the next step updates. */
  enum Phase { WEIGHTS, ARCHITECTURE }

  private final Optimizer weights;
  private final Optimizer architecture;
  private final Set<String> architectureIds;
  private final boolean skipUnused;
  private Phase phase = Phase.WEIGHTS;

  /**
   * {@code skipUnused}: leave a weight whose gradient is all zero alone, as single-path training
   * needs, since a path that did not run must not move by its optimizer's momentum or decay.
   */
  PhasedOptimizer(Optimizer weights, Optimizer architecture, Set<String> architectureIds, boolean skipUnused) {
    super(new Builder());
    this.weights = weights;
    this.architecture = architecture;
    this.architectureIds = Set.copyOf(architectureIds);
    this.skipUnused = skipUnused;
  }

  void phase(Phase phase) {
    this.phase = phase;
  }

  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    boolean isArchitecture = architectureIds.contains(parameterId);
    if (isArchitecture != (phase == Phase.ARCHITECTURE) || !isArchitecture && skipUnused && grad.eq(0).all().getBoolean()) {
      // DJL's PyTorch optimizers zero a gradient as they apply it, and gradients accumulate: one
      // left alone would be added to the next step's (an architecture batch's to the weights').
      grad.muli(0);
      return;
    }
    (isArchitecture ? architecture : weights).update(parameterId, weight, grad);
  }

  private static final class Builder extends OptimizerBuilder<Builder> {
    @Override
    protected Builder self() {
      return this;
    }
  }
}
