package dev.jnas.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OneShotTrainerTest {
  @Test
  void sposAnnealsItsRateOnAHalfCosineToZero() {
    assertEquals(1e-3, OneShotTrainer.annealed(1e-3, 0, 100), 1e-15);
    assertEquals(5e-4, OneShotTrainer.annealed(1e-3, 50, 100), 1e-15);
    assertEquals(0, OneShotTrainer.annealed(1e-3, 100, 100), 1e-15);
    assertEquals(0, OneShotTrainer.annealed(1e-3, 130, 100), 1e-15, "past the planned steps it stays at zero");
    for (int step = 1; step <= 100; step++) {
      assertTrue(OneShotTrainer.annealed(1e-3, step, 100) < OneShotTrainer.annealed(1e-3, step - 1, 100), "falls every step");
    }
  }

  @Test
  void pathsRankByValidationLossNotAccuracy() {
    OneShotResult.EvaluatedPath accurate = new OneShotResult.EvaluatedPath(new int[] {0}, 0.95, 0.30, 0.50);
    OneShotResult.EvaluatedPath heavyDropout = new OneShotResult.EvaluatedPath(new int[] {1}, 0.94, 0.20, 0.40);
    OneShotResult.EvaluatedPath lightDropout = new OneShotResult.EvaluatedPath(new int[] {2}, 0.94, 0.20, 0.25);
    OneShotResult.EvaluatedPath twin = new OneShotResult.EvaluatedPath(new int[] {3}, 0.94, 0.20, 0.25);
    List<OneShotResult.EvaluatedPath> paths = new ArrayList<>(List.of(accurate, heavyDropout, lightDropout, twin));
    paths.sort(OneShotTrainer.BY_LOSS);
    assertEquals(List.of(lightDropout, twin, heavyDropout, accurate), paths,
        "least loss first; equals by the loss as trained; then the order scored");
  }
}
