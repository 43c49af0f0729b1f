package dev.jnas.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.engine.ChildJvm;
import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.ExperimentView;
import dev.jnas.engine.LifecycleExperiment;
import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.SlurmSettings;
import dev.jnas.engine.TrainingServiceKind;
import dev.jnas.engine.Trial;
import dev.jnas.engine.TrialState;
import dev.jnas.engine.cli.Jnas;
import dev.jnas.engine.store.ExperimentStore;
import dev.jnas.engine.strategy.GridSearchStrategy;
import dev.jnas.nn.spaces.TutorialSpace;
import dev.jnas.runtime.FunctionalEvaluator;
import dev.jnas.worker.TrainedModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What only a batch scheduler does, against a real one-node Slurm cluster with two (fake) GPUs. */
class SlurmTest {
  @RegisterExtension static final SlurmClusterExtension SLURM = new SlurmClusterExtension();
  @TempDir Path dir;

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  private static SlurmSettings settings() {
    return SLURM.cluster().settings();
  }

  @Test
  void gpuTrialsWaitForResourcesEachGetsItsOwnGpuAndReportsLive() throws Exception {
    NasExperiment exp = new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(SlurmTrials::holdsItsGpu),
        new GridSearchStrategy()).progress(quiet());
    Thread runner = new Thread(() -> exp.run(ExperimentConfig.local().experimentName("gpus").maxTrialNumber(4).trialConcurrency(4)
        .trialGpuNumber(1).inputShape(1, 28, 28).experimentDir(dir).trainingService(TrainingServiceKind.SLURM).slurm(settings())));
    runner.start();
    Set<String> waitingReasons = new HashSet<>();
    int mostRunning = 0;
    boolean liveMetric = false;
    boolean shownByView = false;
    while (runner.isAlive()) {
      if (Files.exists(dir.resolve(ExperimentStore.FILE))) {
        ExperimentView v = NasExperiment.view(dir);
        List<ExperimentStore.StoredTrial> running = v.trials().stream().filter(t -> t.state() == TrialState.RUNNING).toList();
        mostRunning = Math.max(mostRunning, running.size());
        liveMetric |= running.stream().anyMatch(t -> t.intermediate().size() == 1);
        v.trials().stream().filter(t -> t.waiting() != null).forEach(t -> waitingReasons.add(t.waiting()));
        if (!shownByView && v.trials().stream().anyMatch(t -> t.waiting() != null && t.waiting().contains("(Resources)"))) {
          StringWriter view = new StringWriter();
          Jnas.execute(new PrintWriter(view, true), new PrintWriter(new StringWriter(), true), "view", dir.toString());
          shownByView = view.toString().contains("waiting: Slurm job ") && view.toString().contains("(Resources)");
        }
      }
      Thread.sleep(150);
    }
    List<Trial> trials = exp.trials();
    assertTrue(trials.stream().allMatch(t -> t.state() == TrialState.SUCCEEDED), trials::toString);
    assertTrue(mostRunning <= 2, "two GPUs, one per trial: at most 2 ran at once, saw " + mostRunning);
    assertTrue(waitingReasons.stream().anyMatch(r -> r.matches("Slurm job \\d+ pending \\(Resources\\)")),
        "the others waited for resources, as Slurm said: " + waitingReasons);
    assertTrue(liveMetric, "a running trial's intermediate metric was in the store before it ended");
    assertTrue(shownByView, "jnas view showed a trial waiting with Slurm's reason");
    List<long[]> held = new ArrayList<>();
    for (Trial t : trials) {
      String[] f = Files.readString(t.outputDir().resolve("gpu")).split(" ");
      held.add(new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])});
      assertEquals(Long.parseLong(f[0]), t.intermediate().get(0).longValue(), "the reported device is the one it held");
    }
    for (int i = 0; i < held.size(); i++) {
      for (int j = i + 1; j < held.size(); j++) {
        boolean together = held.get(i)[1] < held.get(j)[2] && held.get(j)[1] < held.get(i)[2];
        if (together) {
          assertNotEquals(held.get(i)[0], held.get(j)[0], "trials " + (i + 1) + " and " + (j + 1) + " ran together on one GPU");
        }
      }
    }
  }

  @Test
  void aKilledEngineResumesAndReattachesToItsPendingAndRunningJobs() throws Exception {
    Path experiment = dir.resolve("killed");
    Path log = dir.resolve("evaluations.log");
    String conf = SLURM.cluster().environment().get("SLURM_CONF");
    try (ChildJvm engine = ChildJvm.start(SlurmExperiment.class, dir.resolve("engine.out"), Map.of(), experiment.toString(), conf,
        log.toString())) {
      engine.awaitUntil(() -> {
        if (!Files.exists(experiment.resolve(ExperimentStore.FILE))) {
          return false;
        }
        List<ExperimentStore.StoredTrial> t = NasExperiment.view(experiment).trials();
        return t.stream().filter(x -> x.state() == TrialState.RUNNING).count() == 2
            && t.stream().filter(x -> x.waiting() != null && x.waiting().contains("pending")).count() == 2;
      }, 90, "two running and two pending jobs");
      engine.process().destroyForcibly(); // kill -9: the jobs live on in Slurm
      engine.waitFor(30);
    }
    NasExperiment resumed = SlurmExperiment.experiment().progress(quiet());
    resumed.resume(experiment);
    List<Trial> trials = resumed.trials();
    assertEquals(4, trials.size());
    assertTrue(trials.stream().allMatch(t -> t.state() == TrialState.SUCCEEDED), trials::toString);
    Map<String, Long> evaluations = Files.readAllLines(log).stream().collect(Collectors.groupingBy(Function.identity(),
        Collectors.counting()));
    assertEquals(Map.of("1", 1L, "2", 1L, "3", 1L, "4", 1L), evaluations, "each trial ran once, in its first job");
    for (Trial t : trials) {
      assertEquals(List.of(0.5, 0.75), t.intermediate(), "metrics of trial " + t.id() + " recorded once");
    }
    assertTrue(NasExperiment.view(experiment).events().stream().anyMatch(e -> e.kind().equals("resumed")));
  }

  @Test
  void withoutASharedFilesystemTheSpecTravelsInTheScriptAndTheResultsOverTheChannel() throws Exception {
    NasExperiment exp = new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(SlurmTrials::printsAndKeepsAFile),
        new GridSearchStrategy()).progress(quiet());
    exp.run(ExperimentConfig.local().experimentName("unshared").maxTrialNumber(2).trialConcurrency(2).inputShape(1, 28, 28)
        .experimentDir(dir).trainingService(TrainingServiceKind.SLURM).slurm(settings().sharedFilesystem(false)));
    for (Trial t : exp.trials()) {
      assertEquals(TrialState.SUCCEEDED, t.state(), t.failure());
      Path folder = t.outputDir();
      assertFalse(Files.exists(folder.resolve("trial-spec.json")), "no spec file was shared");
      assertEquals("trial " + t.id() + " was here", Files.readString(folder.resolve("notes.txt")));
      assertTrue(Files.readString(folder.resolve("stdout.log")).contains("hello from trial " + t.id() + " on its node"));
      assertTrue(Files.size(folder.resolve(TrainedModels.PARAMS)) > 1_000_000, "the trained model came back");
    }
    try (var scripts = Files.list(dir.resolve("slurm"))) {
      for (Path script : scripts.toList()) {
        String text = Files.readString(script);
        assertTrue(text.contains("base64 -d > \"$work/trial-spec.json\""), text);
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(script)));
      }
    }
  }

  @Test
  void jnasRunSendsAProgramsTrialsToSlurmFromTheCommandLine() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Jnas.execute(new PrintWriter(out, true), new PrintWriter(err, true), "run", "--training-service", "slurm",
        "--slurm-env", "SLURM_CONF=" + SLURM.cluster().environment().get("SLURM_CONF"), "--slurm-channel-host", "127.0.0.1",
        LifecycleExperiment.class.getName(), "2", "2", "0", dir.resolve("cli").toString());
    assertEquals(0, code, err.toString());
    ExperimentView v = NasExperiment.view(dir.resolve("cli"));
    assertEquals(TrainingServiceKind.SLURM, v.config().trainingService(), "the command line's choice is recorded");
    assertTrue(v.trials().stream().allMatch(t -> t.state() == TrialState.SUCCEEDED), v.trials()::toString);
    for (var t : v.trials()) {
      String log = Files.readString(dir.resolve("cli").resolve("trials").resolve(Integer.toString(t.id())).resolve("trial.log"));
      assertTrue(log.contains("started on Slurm job "), log);
    }
  }

  @Test
  void aJobCancelledOutsideJnasCancelsItsTrialAndTheExperimentGoesOn() throws Exception {
    NasExperiment exp = new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(ContractTrials::firstSleeps),
        new GridSearchStrategy()).progress(quiet());
    Thread runner = new Thread(() -> exp.run(ExperimentConfig.local().experimentName("scancel").maxTrialNumber(2)
        .inputShape(1, 28, 28).experimentDir(dir).trainingService(TrainingServiceKind.SLURM).slurm(settings())));
    runner.start();
    Path log = dir.resolve("trials").resolve("1").resolve("trial.log");
    long deadline = System.nanoTime() + 90_000_000_000L;
    while (exp.trials().isEmpty() || exp.trials().get(0).intermediate().isEmpty()) {
      assertTrue(runner.isAlive() && System.nanoTime() < deadline, "trial 1 never reported");
      Thread.sleep(100);
    }
    String job = Files.readAllLines(log).stream().filter(l -> l.contains("submitted as Slurm job ")).findFirst().orElseThrow()
        .replaceAll(".*Slurm job (\\d+).*", "$1");
    ProcessBuilder scancel = new ProcessBuilder("scancel", job);
    scancel.environment().putAll(SLURM.cluster().environment());
    assertEquals(0, scancel.start().waitFor(), "scancel " + job);
    runner.join(120_000);
    List<Trial> trials = exp.trials();
    assertEquals(TrialState.CANCELLED, trials.get(0).state());
    assertEquals("Slurm job " + job + " was cancelled outside jnas", trials.get(0).failure());
    assertEquals(TrialState.SUCCEEDED, trials.get(1).state(), "the experiment went on");
  }
}
