package dev.jnas.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OptimizerStateTest {
  @Test
  void adamsMeanAndVarianceBelongToTheOwnerAndCloseWithIt() {
    assertOwnerHoldsState(owner -> OptimizerState.adam(Optimizer.adam(), owner), 2);
  }

  @Test
  void sgdMomentumBelongsToTheOwnerAndClosesWithIt() {
    assertOwnerHoldsState(owner -> OptimizerState.sgd(
        Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).optMomentum(0.9f), owner), 1);
  }

  /** Two steps on one parameter leave {@code arrays} state arrays in the owner, all freed when it closes. */
  private static void assertOwnerHoldsState(Function<NDManager, Optimizer> optimizerOwnedBy, int arrays) {
    try (NDManager owner = NDManager.newBaseManager(); NDManager weights = NDManager.newBaseManager()) {
      Optimizer optimizer = optimizerOwnedBy.apply(owner);
      NDArray weight = weights.ones(new Shape(4, 3));
      NDArray grad = weights.ones(new Shape(4, 3));
      optimizer.update("w", weight, grad);
      optimizer.update("w", weight, grad);
      List<NDArray> state = owner.getManagedArrays();
      assertEquals(arrays, state.size(), "state arrays in the owner: " + state);
      owner.close();
      assertTrue(state.stream().allMatch(NDArray::isReleased), "closing the owner frees the state");
    }
  }
}
