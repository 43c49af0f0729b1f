package dev.jnas.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

  @Test
  void adamCountsEachParametersOwnStepsSoOneThatSatOutStepsMovesAsOnItsFirst() {
    // Adam's first step moves each weight by the learning rate whatever the gradient's size; DJL's
    // own count would bias-correct "b" as on its third step (0.64 of that) and made SPOS irreproducible.
    assertFirstStepAfterAnotherParametersTwo(owner -> OptimizerState.adam(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.1f)), owner));
    assertFirstStepAfterAnotherParametersTwo(owner -> OptimizerState.adamW(
        Optimizer.adamW().optLearningRateTracker(Tracker.fixed(0.1f)).optWeightDecays(0f), owner));
  }

  private static void assertFirstStepAfterAnotherParametersTwo(Function<NDManager, Optimizer> optimizerOwnedBy) {
    try (NDManager owner = NDManager.newBaseManager(); NDManager weights = NDManager.newBaseManager()) {
      Optimizer optimizer = optimizerOwnedBy.apply(owner);
      NDArray a = weights.zeros(new Shape(3));
      NDArray b = weights.zeros(new Shape(3));
      optimizer.update("a", a, weights.full(new Shape(3), 0.5f));
      optimizer.update("a", a, weights.full(new Shape(3), 0.5f));
      optimizer.update("b", b, weights.full(new Shape(3), 0.5f));
      assertArrayEquals(new float[] {-0.1f, -0.1f, -0.1f}, b.toFloatArray(), 1e-4f);
    }
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
