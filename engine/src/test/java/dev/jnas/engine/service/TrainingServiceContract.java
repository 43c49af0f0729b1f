package dev.jnas.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.ExperimentView;
import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.Trial;
import dev.jnas.engine.TrialState;
import dev.jnas.engine.TutorialScore;
import dev.jnas.engine.strategy.GridSearchStrategy;
import dev.jnas.nn.spaces.TutorialSpace;
import dev.jnas.runtime.Evaluator;
import dev.jnas.runtime.FunctionalEvaluator;
import dev.jnas.worker.TrainedModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every training service must do, run over each one (in-process, local workers, and Slurm
 * next): trials report and end with their reasons, a stop or a timeout ends one trial and the
 * experiment goes on, stopping the experiment cancels what runs, trials run side by side, and a
 * trial's files land in its folder.
 */
abstract class TrainingServiceContract {
  @TempDir Path dir;

  /** The config of this service, on top of {@code config}. */
  abstract ExperimentConfig service(ExperimentConfig config);

  /** What else this service says of a trial over its time limit. */
  void checkTimeoutReason(String reason) {}

  NasExperiment experiment(Evaluator evaluator) {
    return new NasExperiment(new TutorialSpace(), evaluator, new GridSearchStrategy())
        .progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  ExperimentConfig config(int trials, int concurrency) {
    return service(ExperimentConfig.local().experimentName("contract").maxTrialNumber(trials).trialConcurrency(concurrency)
        .inputShape(1, 28, 28).experimentDir(dir));
  }

  /** Runs {@code exp} on another thread; returns it once {@code ready} holds for its recorded trials. */
  Thread runUntil(NasExperiment exp, ExperimentConfig config, Predicate<List<Trial>> ready) throws InterruptedException {
    Thread runner = new Thread(() -> exp.run(config));
    runner.start();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!ready.test(exp.trials())) {
      assertTrue(runner.isAlive() && System.nanoTime() < deadline, () -> "never ready: " + exp.trials());
      Thread.sleep(50);
    }
    return runner;
  }

  @Test
  void trialsReportTheirMetricsAndEndWithTheirReasons() {
    NasExperiment exp = experiment(new FunctionalEvaluator(ContractTrials::reportOrThrow));
    exp.run(config(3, 2));
    List<Trial> trials = exp.trials();
    assertEquals(List.of(TrialState.SUCCEEDED, TrialState.FAILED, TrialState.SUCCEEDED), trials.stream().map(Trial::state).toList());
    assertEquals(List.of(0.5, 0.75), trials.get(0).intermediate());
    assertEquals(TutorialScore.of(trials.get(2).sample().decisions()), trials.get(2).finalMetric().getAsDouble());
    assertEquals("IllegalStateException: trial 2 fails on purpose", trials.get(1).failure());
    ExperimentView stored = NasExperiment.view(dir);
    assertEquals(List.of(0.5, 0.75), stored.trials().get(2).intermediate(), "the store has what the service reported");
  }

  @Test
  void aStoppedTrialEndsAndTheExperimentGoesOn() throws Exception {
    NasExperiment exp = experiment(new FunctionalEvaluator(ContractTrials::firstSleeps));
    Thread runner = runUntil(exp, config(3, 1), t -> !t.isEmpty() && t.get(0).intermediate().size() == 1);
    assertTrue(exp.stopTrial(1));
    runner.join(60_000);
    List<Trial> trials = exp.trials();
    assertEquals(List.of(TrialState.CANCELLED, TrialState.SUCCEEDED, TrialState.SUCCEEDED), trials.stream().map(Trial::state).toList());
    assertEquals("stopped by the user", trials.get(0).failure());
  }

  @Test
  void aTrialOverItsTimeIsStoppedAndTheNextOneRuns() {
    NasExperiment exp = experiment(new FunctionalEvaluator(ContractTrials::firstSleeps));
    exp.run(config(2, 1).maxTrialDuration(Duration.ofSeconds(2)));
    List<Trial> trials = exp.trials();
    assertEquals(TrialState.FAILED, trials.get(0).state());
    // The engine stops it ("exceeded maxTrialDuration PT2S"), or a batch scheduler with its own limit
    // ("ended TIMEOUT: ... (maxTrialDuration PT2S)"): either way the reason names the limit.
    assertTrue(trials.get(0).failure().contains("maxTrialDuration PT2S"), trials.get(0).failure());
    checkTimeoutReason(trials.get(0).failure());
    assertEquals(TrialState.SUCCEEDED, trials.get(1).state(), trials.get(1).failure());
  }

  @Test
  void stoppingTheExperimentCancelsWhatRuns() throws Exception {
    NasExperiment exp = experiment(new FunctionalEvaluator(ContractTrials::allSleep));
    Thread runner = runUntil(exp, config(4, 2), t -> t.size() == 2 && t.stream().allMatch(x -> x.intermediate().size() == 1));
    exp.stop();
    runner.join(60_000);
    assertEquals(List.of(TrialState.CANCELLED, TrialState.CANCELLED), exp.trials().stream().map(Trial::state).toList());
    assertEquals("STOPPED", NasExperiment.view(dir).status());
  }

  @Test
  void concurrentTrialsRunSideBySide() throws Exception {
    NasExperiment exp = experiment(new FunctionalEvaluator(ContractTrials::recordsItsInterval));
    exp.run(config(2, 2));
    long[] first = interval(exp.trials().get(0));
    long[] second = interval(exp.trials().get(1));
    assertTrue(first[0] < second[1] && second[0] < first[1], "the two trials' intervals overlap");
  }

  @Test
  void aTrialsSavedModelLandsInItsFolder() throws Exception {
    NasExperiment exp = experiment(new FunctionalEvaluator(ContractTrials::savesItsModel));
    exp.run(config(1, 1));
    Path trial = exp.trials().get(0).outputDir();
    assertEquals(TrialState.SUCCEEDED, exp.trials().get(0).state(), exp.trials().get(0).failure());
    assertTrue(Files.size(trial.resolve(TrainedModels.PARAMS)) > 1_000_000);
    assertTrue(Files.size(trial.resolve(TrainedModels.ONNX)) > 1_000_000);
    assertTrue(Files.readString(trial.resolve("trial.log")).contains("started on "));
  }

  private static long[] interval(Trial t) throws Exception {
    String[] parts = Files.readString(t.outputDir().resolve("interval")).split(" ");
    return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
  }
}
