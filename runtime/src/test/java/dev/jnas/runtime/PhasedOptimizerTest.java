package dev.jnas.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** DARTS's alternation: each phase moves its own parameters, and leaves the others' gradients at zero. */
class PhasedOptimizerTest {
  @Test
  void eachPhaseMovesItsParametersAndClearsTheOthersGradients() {
    try (NDManager manager = NDManager.newBaseManager()) {
      PhasedOptimizer optimizer = new PhasedOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.5f)).build(),
          Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.5f)).build(), Set.of("alpha"), false);
      NDArray weight = manager.create(new float[] {1, 1});
      NDArray alpha = manager.create(new float[] {1, 1});
      NDArray weightGrad = manager.create(new float[] {2, 2});
      NDArray alphaGrad = manager.create(new float[] {2, 2});

      optimizer.phase(PhasedOptimizer.Phase.ARCHITECTURE);
      optimizer.update("weight", weight, weightGrad);
      optimizer.update("alpha", alpha, alphaGrad);
      assertArrayEquals(new float[] {1, 1}, weight.toFloatArray(), "a weight stays put while the architecture trains");
      // Gradients accumulate across backward passes: a skipped one would join the next step's.
      assertArrayEquals(new float[] {0, 0}, weightGrad.toFloatArray());
      assertNotEquals(1f, alpha.toFloatArray()[0], "the architecture moved");

      float[] alphaAfter = alpha.toFloatArray();
      optimizer.phase(PhasedOptimizer.Phase.WEIGHTS);
      alphaGrad = manager.create(new float[] {2, 2});
      optimizer.update("alpha", alpha, alphaGrad);
      assertArrayEquals(alphaAfter, alpha.toFloatArray(), "the architecture stays put while the weights train");
      assertArrayEquals(new float[] {0, 0}, alphaGrad.toFloatArray());
      optimizer.update("weight", weight, manager.create(new float[] {2, 2}));
      assertEquals(0f, weight.toFloatArray()[0], 1e-6, "1 - 0.5 x 2");
    }
  }

  @Test
  void singlePathTrainingLeavesAWeightOffThePathAlone() {
    try (NDManager manager = NDManager.newBaseManager()) {
      PhasedOptimizer optimizer = new PhasedOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.1f)).build(),
          Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build(), Set.of(), true);
      NDArray on = manager.create(new float[] {1, 1});
      NDArray off = manager.create(new float[] {1, 1});
      optimizer.update("on", on, manager.create(new float[] {1, 1}));
      // A second step with no gradient: Adam's momentum would move it; off the path it must not.
      optimizer.update("on", on, manager.create(new float[] {0, 0}));
      optimizer.update("off", off, manager.create(new float[] {0, 0}));
      assertArrayEquals(new float[] {1, 1}, off.toFloatArray());
    }
  }
}
