package dev.jnas.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.engine.store.ExperimentStore;
import dev.jnas.engine.strategy.GridSearchStrategy;
import dev.jnas.nn.spaces.TutorialSpace;
import dev.jnas.runtime.FunctionalEvaluator;
import dev.jnas.runtime.Nas;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
  @TempDir Path dir;

  @Test
  void configRoundTripsThroughJson() {
    ExperimentConfig config = ExperimentConfig.local().experimentName("x").maxTrialNumber(7).trialConcurrency(3)
        .maxExperimentDuration(Duration.ofMinutes(5)).maxTrialDuration(Duration.ofSeconds(30))
        .executionEngine(ExecutionEngine.PURE).optimizeMode(OptimizeMode.MINIMIZE).seed(99).inputShape(3, 32, 32)
        .experimentDir(dir);
    assertEquals(config.toJson(), ExperimentConfig.fromJson(config.toJson()).toJson());
    assertTrue(config.toJson().contains("\"maxTrialDurationMs\":30000"), config.toJson());
  }

  @Test
  void anExperimentRecordsItsTrialsMetricsStrategyAndEvents() {
    NasExperiment exp = new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(models -> {
      Nas.reportIntermediateResult(0.25);
      Nas.reportIntermediateResult(0.5);
      if (Nas.trialId() == 2) {
        throw new IllegalArgumentException("bad trial");
      }
      Nas.reportFinalResult(0.75);
    }), new GridSearchStrategy()).progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    exp.run(ExperimentConfig.local().trainingService(TrainingServiceKind.IN_PROCESS).experimentName("stored").maxTrialNumber(3).inputShape(1, 28, 28).experimentDir(dir));

    ExperimentView view = NasExperiment.view(dir);
    assertEquals("DONE", view.status());
    assertEquals("maxTrialNumber 3 reached", view.stopReason());
    assertEquals(3, view.config().maxTrialNumber());
    assertTrue(view.space().startsWith("graph TutorialSpace(x: [N, 1, 28, 28])"));
    assertTrue(view.searchSpace().startsWith("18 architectures"));
    List<ExperimentStore.StoredTrial> trials = view.trials();
    assertEquals(List.of(TrialState.SUCCEEDED, TrialState.FAILED, TrialState.SUCCEEDED), trials.stream().map(ExperimentStore.StoredTrial::state).toList());
    assertEquals(List.of(0.25, 0.5), trials.get(0).intermediate());
    assertEquals(0.75, trials.get(0).finalMetric().getAsDouble());
    assertEquals("IllegalArgumentException: bad trial", trials.get(1).failure());
    assertEquals(exp.trials().get(2).sample(), trials.get(2).sample());
    assertEquals(64, trials.get(0).architecture().length());
    assertTrue(trials.stream().allMatch(t -> t.startedAt() != null && t.endedAt() >= t.startedAt()));
    assertEquals(List.of("started", "stopped"), view.events().stream().map(ExperimentStore.Event::kind).toList());
    try (ExperimentStore store = ExperimentStore.open(dir)) {
      assertTrue(store.latestStrategyState().orElseThrow().contains("\"next\":3"));
    }
    NasExperiment again = new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(m -> {}), new GridSearchStrategy());
    assertTrue(assertThrows(IllegalStateException.class,
        () -> again.run(ExperimentConfig.local().trainingService(TrainingServiceKind.IN_PROCESS).inputShape(1, 28, 28).experimentDir(dir)))
        .getMessage().contains("already holds an experiment; resume it"));
  }
}
