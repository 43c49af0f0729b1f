package dev.jnas.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnas.engine.cli.Jnas;
import dev.jnas.engine.store.ExperimentLock;
import dev.jnas.engine.store.ExperimentStore;
import dev.jnas.engine.store.StopRequest;
import dev.jnas.engine.strategy.RegularizedEvolutionStrategy;
import dev.jnas.nn.spaces.TutorialSpace;
import dev.jnas.runtime.FunctionalEvaluator;
import dev.jnas.runtime.Nas;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiment as a whole under faults: one writer, signals, kill -9, stop from elsewhere, failed starts. */
class LifecycleTest {
  @TempDir Path dir;

  /** What one {@code jnas} command printed and returned. */
  record Cli(int code, String out, String err) {}

  static Cli jnas(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Jnas.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Cli(code, out.toString(), err.toString());
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  private static long running(Path experiment) {
    if (!Files.exists(experiment.resolve(ExperimentStore.FILE))) {
      return 0;
    }
    return NasExperiment.view(experiment).trials().stream().filter(t -> t.state() == TrialState.RUNNING).count();
  }

  private ChildJvm slowExperimentUnderJnasRun(Path experiment, int trials, int concurrency) throws Exception {
    ChildJvm child = ChildJvm.start(Jnas.class, dir.resolve("child.out"), Map.of(), "run",
        LifecycleExperiment.class.getName(), Integer.toString(trials), Integer.toString(concurrency), "600000", experiment.toString());
    child.awaitUntil(() -> running(experiment) == concurrency, 60, concurrency + " running trials");
    return child;
  }

  @Test
  void aSecondWriterIsRefusedNamingTheHolderAndAKilledOneReadsAsInterrupted() throws Exception {
    Path experiment = dir.resolve("contended");
    try (ChildJvm child = slowExperimentUnderJnasRun(experiment, 3, 1)) {
      String host = InetAddress.getLocalHost().getHostName();
      var second = assertThrows(ExperimentLock.ExperimentBusyException.class,
          () -> LifecycleExperiment.experiment(0).progress(quiet()).resume(experiment));
      assertTrue(second.getMessage().contains("is already running (pid " + child.pid() + " on " + host + " since "), second.getMessage());
      Cli resume = jnas("resume", experiment.toString());
      assertEquals(1, resume.code(), resume.err());
      assertEquals(1, resume.err().lines().count(), resume.err());
      assertTrue(resume.err().contains("already running (pid " + child.pid()), resume.err());
      assertEquals("RUNNING", NasExperiment.view(experiment).status());
      assertTrue(jnas("list", "--root", dir.toString()).out().contains("RUNNING"));

      child.process().destroyForcibly(); // kill -9: no shutdown hook, the OS drops the lock
      child.waitFor(30);
    }
    ExperimentView killed = NasExperiment.view(experiment);
    assertEquals(ExperimentView.INTERRUPTED, killed.status());
    assertTrue(killed.stopReason().contains("ended without recording a stop"), killed.stopReason());
    assertTrue(jnas("list", "--root", dir.toString()).out().contains("INTERRUPTED"));

    NasExperiment resumed = LifecycleExperiment.experiment(0).progress(quiet());
    resumed.resume(experiment);
    assertEquals(3, resumed.trials().stream().filter(t -> t.state() == TrialState.SUCCEEDED).count());
    assertEquals("DONE", NasExperiment.view(experiment).status());
  }

  @Test
  void sigtermStopsTheExperimentWithAReasonAndResumeRunsTheCancelledTrials() throws Exception {
    Path experiment = dir.resolve("signalled");
    try (ChildJvm child = slowExperimentUnderJnasRun(experiment, 4, 2)) {
      child.process().destroy(); // SIGTERM, as Ctrl-C's SIGINT: shutdown hooks run
      child.waitFor(30);
    }
    ExperimentView stopped = NasExperiment.view(experiment);
    assertEquals("STOPPED", stopped.status());
    assertEquals("stopped because the process was asked to end (Ctrl-C or SIGTERM)", stopped.stopReason());
    assertEquals(List.of(TrialState.CANCELLED, TrialState.CANCELLED),
        stopped.trials().stream().map(ExperimentStore.StoredTrial::state).toList());
    assertTrue(stopped.trials().get(0).failure().startsWith("cancelled: the experiment was stopped because"), stopped.trials().get(0).failure());
    assertTrue(ExperimentLock.holder(experiment).isEmpty(), "the lock is free");

    NasExperiment resumed = LifecycleExperiment.experiment(0).progress(quiet());
    resumed.resume(experiment);
    List<Trial> trials = resumed.trials();
    assertEquals(4, trials.size());
    assertTrue(trials.stream().allMatch(t -> t.state() == TrialState.SUCCEEDED), trials::toString);
    assertEquals(stopped.trials().get(0).sample(), trials.get(0).sample(), "the cancelled trial ran again");
  }

  @Test
  void jnasStopStopsARunningExperimentFromAnotherProcess() throws Exception {
    Path experiment = dir.resolve("stoppable");
    try (ChildJvm child = slowExperimentUnderJnasRun(experiment, 3, 1)) {
      Cli stop = jnas("stop", experiment.toString());
      assertEquals(0, stop.code(), stop.err());
      assertTrue(stop.out().contains("asked stoppable (pid " + child.pid()), stop.out());
      assertTrue(stop.out().contains("stoppable STOPPED: stopped by jnas stop (pid " + ProcessHandle.current().pid() + ")"), stop.out());
      assertEquals(0, child.waitFor(30), child.output());
    }
    assertEquals(TrialState.CANCELLED, NasExperiment.view(experiment).trials().get(0).state());
    Cli again = jnas("stop", experiment.toString());
    assertEquals(1, again.code());
    assertTrue(again.err().contains("is not running (STOPPED)"), again.err());
    assertFalse(Files.exists(experiment.resolve(StopRequest.FILE)), "the request was taken");
  }

  @Test
  void jnasHomeIsWhereRunWritesAndWhereListReads() throws Exception {
    Path home = dir.resolve("home");
    try (ChildJvm run = ChildJvm.start(Jnas.class, dir.resolve("run.out"), Map.of(JnasHome.VARIABLE, home.toString()),
        "run", LifecycleExperiment.class.getName(), "1", "1", "0", "-")) {
      assertEquals(0, run.waitFor(60), run.output());
    }
    try (var entries = Files.list(home)) {
      assertEquals(1, entries.filter(p -> p.getFileName().toString().startsWith("lifecycle-")).count());
    }
    try (ChildJvm list = ChildJvm.start(Jnas.class, dir.resolve("list.out"), Map.of(JnasHome.VARIABLE, home.toString()), "list")) {
      assertEquals(0, list.waitFor(60), list.output());
      assertTrue(list.output().contains("lifecycle-"), list.output());
      assertTrue(list.output().contains("DONE"), list.output());
    }
  }

  @Test
  void aBusyPortFailsTheStartAndLeavesNoExperiment() throws Exception {
    Path experiment = dir.resolve("never");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      NasExperiment exp = LifecycleExperiment.experiment(0).progress(quiet());
      var e = assertThrows(UncheckedIOException.class, () -> exp.run(ExperimentConfig.local().trainingService(TrainingServiceKind.IN_PROCESS).experimentName("never")
          .maxTrialNumber(1).inputShape(1, 28, 28).experimentDir(experiment), taken.getLocalPort()));
      assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
    }
    assertFalse(Files.exists(experiment), "nothing recorded, nothing left behind");
    assertTrue(jnas("list", "--root", dir.toString()).out().contains("no experiments"));
  }

  @Test
  void storesLeftByAKillDuringCreationAreRecognisedAndReused() throws Exception {
    Path zeroBytes = Files.createDirectories(dir.resolve("zero"));
    Files.createFile(zeroBytes.resolve(ExperimentStore.FILE));
    Path noTables = Files.createDirectories(dir.resolve("empty"));
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + noTables.resolve(ExperimentStore.FILE));
        Statement s = db.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
    }
    Path halfBuilt = Files.createDirectories(dir.resolve("half"));
    Files.write(halfBuilt.resolve(ExperimentStore.FILE + ".creating"), new byte[] {'S', 'Q', 'L'});

    Cli list = jnas("list", "--root", dir.toString());
    assertEquals(0, list.code(), list.err());
    assertTrue(list.out().contains("zero") && list.out().contains("empty") && list.out().contains("EMPTY"), list.out());
    assertFalse(list.out().contains("half"), "a store still being built is not an experiment: " + list.out());
    var refused = assertThrows(IllegalStateException.class, () -> NasExperiment.view(zeroBytes));
    assertTrue(refused.getMessage().contains("holds an empty experiment.db"), refused.getMessage());

    for (Path reused : List.of(zeroBytes, noTables, halfBuilt)) {
      NasExperiment exp = LifecycleExperiment.experiment(0).progress(quiet());
      exp.run(ExperimentConfig.local().trainingService(TrainingServiceKind.IN_PROCESS).experimentName("reused").maxTrialNumber(1).inputShape(1, 28, 28).experimentDir(reused));
      assertEquals("DONE", NasExperiment.view(reused).status(), reused.toString());
      assertFalse(Files.exists(reused.resolve(ExperimentStore.FILE + ".creating")));
    }
  }

  @Test
  void resumeTellsTheStrategyEveryStoredResultItHadNotSeen() throws Exception {
    Path experiment = dir.resolve("evolution");
    List<Integer> evaluated = new ArrayList<>();
    NasExperiment first = evolution(evaluated);
    first.run(ExperimentConfig.local().trainingService(TrainingServiceKind.IN_PROCESS).experimentName("evolution").maxTrialNumber(4).inputShape(1, 28, 28)
        .experimentDir(experiment).seed(3));
    Trial last = first.trials().get(3);
    assertEquals(List.of(1, 2, 3, 4), evaluated);

    // The process dies after trial 4's result is committed but before the strategy's state after
    // telling it: on disk, that is the state without its last row and trial 4 not marked as told.
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + experiment.resolve(ExperimentStore.FILE));
        Statement s = db.createStatement()) {
      s.executeUpdate("DELETE FROM strategy_state WHERE seq = (SELECT MAX(seq) FROM strategy_state)");
      s.executeUpdate("UPDATE trial SET told = 0 WHERE id = 4");
      s.executeUpdate("UPDATE experiment SET value = 'RUNNING' WHERE key = 'status'");
    }
    assertFalse(population(experiment).contains(last.sample().toJson()), "before the resume, the strategy never saw trial 4");

    NasExperiment resumed = evolution(evaluated);
    resumed.resume(experiment);
    assertEquals(List.of(1, 2, 3, 4), evaluated, "trial 4 was told, not run again");
    assertTrue(population(experiment).contains(last.sample().toJson()), "the resumed population holds trial 4");
    assertTrue(NasExperiment.view(experiment).events().stream()
        .anyMatch(e -> e.kind().equals("resumed") && e.message().contains("1 results told to the strategy again")));
  }

  private static NasExperiment evolution(List<Integer> evaluated) {
    return new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(models -> {
      evaluated.add(Nas.trialId());
      Nas.reportFinalResult(TutorialScore.of(models.sample()));
    }), new RegularizedEvolutionStrategy().populationSize(10).sampleSize(2)).progress(quiet());
  }

  private static List<String> population(Path experiment) throws Exception {
    try (ExperimentStore store = ExperimentStore.open(experiment)) {
      List<String> samples = new ArrayList<>();
      new ObjectMapper().readTree(store.latestStrategyState().orElseThrow()).get("population")
          .forEach(m -> samples.add(m.get("sample").asText()));
      return samples;
    }
  }
}
