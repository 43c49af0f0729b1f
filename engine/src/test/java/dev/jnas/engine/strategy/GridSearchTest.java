package dev.jnas.engine.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.TrainingServiceKind;
import dev.jnas.nn.Dropout;
import dev.jnas.nn.LayerChoice;
import dev.jnas.nn.ModelWrapper;
import dev.jnas.nn.NasModule;
import dev.jnas.nn.ReLU;
import dev.jnas.nn.Tanh;
import dev.jnas.nn.Tensor;
import dev.jnas.nn.ValueChoice;
import dev.jnas.runtime.FunctionalEvaluator;
import dev.jnas.runtime.Nas;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NNI's grid-search figures: a 3 x 4 x 2 space has 24 architectures, 12 under (a + b) % 2 == 1. */
class GridSearchTest {
  @TempDir Path dir;

  /** Three choices of 3, 4 and 2 candidates. */
  @ModelWrapper
  public static class Abc extends NasModule {
    final Dropout a = new Dropout(ValueChoice.of(0, 1, 2).label("a").times(0.1));
    final Dropout b = new Dropout(ValueChoice.of(0, 1, 2, 3).label("b").times(0.1));
    final LayerChoice c = new LayerChoice(new ReLU(), new Tanh()).label("c");

    @Override public Tensor forward(Tensor x) {
      return c.forward(b.forward(a.forward(x)));
    }
  }

  private int trials(Strategy strategy) {
    NasExperiment exp = new NasExperiment(new Abc(), new FunctionalEvaluator(m -> Nas.reportFinalResult(1)), strategy)
        .progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    exp.run(ExperimentConfig.local().trainingService(TrainingServiceKind.IN_PROCESS).maxTrialNumber(100).inputShape(4).experimentDir(dir.resolve("e" + System.nanoTime())));
    assertTrue(exp.stopReason().startsWith("the search space is exhausted"), exp.stopReason());
    assertEquals(exp.trials().size(), new HashSet<>(exp.trials().stream().map(t -> t.sample()).toList()).size());
    return exp.trials().size();
  }

  @Test
  void twentyFourArchitecturesAndTwelveUnderTheConstraint() {
    assertEquals(24, trials(new GridSearchStrategy()));
    Constraint odd = (sample, stats) -> ((Integer) sample.get("a") + (Integer) sample.get("b")) % 2 == 1
        ? Optional.empty() : Optional.of("a + b is even");
    assertEquals(12, trials(new GridSearchStrategy().constraint(odd)));
    assertEquals(12, trials(new RandomStrategy().constraint(odd)));
  }
}
