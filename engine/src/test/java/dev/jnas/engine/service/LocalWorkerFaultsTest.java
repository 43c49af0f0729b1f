package dev.jnas.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.Trial;
import dev.jnas.engine.TrialState;
import dev.jnas.engine.cli.Jnas;
import dev.jnas.engine.strategy.GridSearchStrategy;
import dev.jnas.nn.spaces.TutorialSpace;
import dev.jnas.runtime.FunctionalEvaluator;
import dev.jnas.runtime.Nas;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trials that kill their own JVM in every way a process can die: each ends as designed, the others go on. */
class LocalWorkerFaultsTest {
  @TempDir Path dir;

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  @Test
  void everyWayATrialsProcessCanDieBecomesAStateWithAReason() throws Exception {
    NasExperiment exp = new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(models -> Faults.act(Nas.trialId())),
        new GridSearchStrategy()).progress(quiet());
    exp.run(ExperimentConfig.local().experimentName("faults").maxTrialNumber(7).trialConcurrency(2).inputShape(1, 28, 28)
        .experimentDir(dir).trialHeap("128m").maxTrialDuration(Duration.ofSeconds(8)));
    List<Trial> trials = exp.trials();
    assertEquals(7, trials.size(), "the experiment went on after every fault");
    assertFailed(trials.get(0), "the trial's JVM exited with code 3 before the trial ended (System.exit in the evaluator?)");
    assertFailed(trials.get(1), "the trial's JVM was killed by SIGKILL (signal 9): kill -9, or the kernel's out-of-memory killer");
    assertFailed(trials.get(2), "OutOfMemoryError: Java heap space (the trial's JVM had a heap of 128m; give trials more with trialHeap)");
    assertFailed(trials.get(3), "exceeded maxTrialDuration PT8S");
    assertEquals(TrialState.SUCCEEDED, trials.get(4).state(), trials.get(4).failure());
    assertTrue(Files.size(trials.get(4).outputDir().resolve("stdout.log")) > 10_000_000, "11 MB of stdout kept");
    assertTrue(Files.readString(trials.get(4).outputDir().resolve("stderr.log")).contains("trial 5 printed 11 MB"));
    assertEquals(TrialState.FAILED, trials.get(5).state());
    assertTrue(trials.get(5).failure().startsWith("the trial's JVM crashed: SIGSEGV"), trials.get(5).failure());
    assertTrue(trials.get(5).failure().contains("crash report "), trials.get(5).failure());
    assertEquals(TrialState.SUCCEEDED, trials.get(6).state(), trials.get(6).failure());
    assertEquals("hello from trial 7\n", Files.readString(trials.get(6).outputDir().resolve("stdout.log")));
    java.io.StringWriter shown = new java.io.StringWriter();
    assertEquals(0, Jnas.execute(new java.io.PrintWriter(shown, true), new java.io.PrintWriter(System.err, true),
        "trial", dir.toString(), "7"));
    assertTrue(shown.toString().contains("stdout       " + trials.get(6).outputDir().resolve("stdout.log") + " (19 bytes)\n  | hello from trial 7"),
        "jnas trial shows what the trial printed: " + shown);
    try (var logs = Files.list(dir.resolve("workers"))) {
      for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
        assertFalse(Files.readString(log).contains("hello from trial"), "what a trial prints goes to its own folder, not " + log);
      }
    }
    assertNoWorkersLeft();
  }

  @Test
  void workersAreRecycledAfterTheirTrialCount() throws Exception {
    NasExperiment exp = new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(models -> Nas.reportFinalResult(
        ProcessHandle.current().pid())), new GridSearchStrategy()).progress(quiet());
    exp.run(ExperimentConfig.local().experimentName("recycled").maxTrialNumber(5).inputShape(1, 28, 28).experimentDir(dir)
        .workerRecycleTrials(2));
    List<Long> pids = exp.trials().stream().map(t -> (long) t.finalMetric().getAsDouble()).toList();
    assertEquals(pids.get(0), pids.get(1));
    assertEquals(pids.get(2), pids.get(3));
    assertEquals(3, Set.copyOf(pids).size(), "a fresh worker after every second trial: " + pids);
    assertFalse(pids.contains(ProcessHandle.current().pid()), "trials ran outside the engine's JVM");
    assertNoWorkersLeft();
  }

  @Test
  void aWorkerOverItsMemoryBoundIsReplaced() {
    NasExperiment exp = new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(models -> Nas.reportFinalResult(
        ProcessHandle.current().pid())), new GridSearchStrategy()).progress(quiet());
    // Any JVM holding PyTorch's natives is over 64 MB, so every worker is replaced after its trial.
    exp.run(ExperimentConfig.local().experimentName("bounded").maxTrialNumber(3).inputShape(1, 28, 28).experimentDir(dir)
        .workerMaxRssMb(64));
    List<Long> pids = exp.trials().stream().map(t -> (long) t.finalMetric().getAsDouble()).toList();
    assertEquals(3, Set.copyOf(pids).size(), "a fresh worker for every trial: " + pids);
  }

  @Test
  void workersThatCannotStartFailTheTrialsWithTheirLastWords() {
    NasExperiment exp = new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(models -> Nas.reportFinalResult(1)),
        new GridSearchStrategy()).progress(quiet());
    exp.run(ExperimentConfig.local().experimentName("broken").maxTrialNumber(2).inputShape(1, 28, 28).experimentDir(dir)
        .workerJvmOptions("-XX:+UseSerialGC", "-XX:+UseParallelGC"));
    for (Trial t : exp.trials()) {
      assertEquals(TrialState.FAILED, t.state());
      assertTrue(t.failure().startsWith("worker JVMs cannot start (3 tries, exit code 1): "), t.failure());
      assertTrue(t.failure().contains("Multiple garbage collectors selected"), t.failure());
    }
    assertNoWorkersLeft();
  }

  @Test
  void eachTrialGetsItsShareOfTheCores() {
    NasExperiment exp = new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(models -> Nas.reportFinalResult(
        Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads")))), new GridSearchStrategy()).progress(quiet());
    ExperimentConfig config = ExperimentConfig.local().experimentName("threads").maxTrialNumber(2).trialConcurrency(2)
        .inputShape(1, 28, 28).experimentDir(dir);
    exp.run(config);
    int expected = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    for (Trial t : exp.trials()) {
      assertEquals(expected, (int) t.finalMetric().getAsDouble(), "intra-op threads of trial " + t.id());
    }
  }

  @Test
  void anEvaluatorThatCannotTravelFailsAtTheStartNamingWhatHoldsIt() {
    Object notSerializable = new Object();
    NasExperiment exp = new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(models -> {
      Nas.reportFinalResult(notSerializable.hashCode());
    }), new GridSearchStrategy()).progress(quiet());
    var e = assertThrows(IllegalArgumentException.class, () -> exp.run(ExperimentConfig.local().maxTrialNumber(1)
        .inputShape(1, 28, 28).experimentDir(dir.resolve("never"))));
    assertTrue(e.getMessage().startsWith("the evaluator cannot travel to a worker JVM: it holds a java.lang.Object,"
        + " which is not Serializable"), e.getMessage());
    assertTrue(e.getMessage().contains("trainingService(TrainingServiceKind.IN_PROCESS)"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("never")), "nothing was started");
  }

  /** Every worker JVM this test started has ended by the time its experiment returned. */
  private static void assertNoWorkersLeft() {
    Set<String> workers = ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains("-Djnas.worker="))
        .filter(p -> p.parent().map(ProcessHandle::pid).orElse(-1L) == ProcessHandle.current().pid())
        .map(p -> Long.toString(p.pid())).collect(Collectors.toSet());
    assertEquals(Set.of(), workers, "worker JVMs still alive");
  }

  private static void assertFailed(Trial t, String reason) {
    assertEquals(TrialState.FAILED, t.state(), "trial " + t.id());
    assertEquals(reason, t.failure(), "trial " + t.id());
  }
}
