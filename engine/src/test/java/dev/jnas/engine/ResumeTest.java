package dev.jnas.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.engine.store.ExperimentStore;
import dev.jnas.engine.strategy.GridSearchStrategy;
import dev.jnas.engine.strategy.RandomStrategy;
import dev.jnas.engine.strategy.Strategy;
import dev.jnas.ir.Sample;
import dev.jnas.ir.TensorShape;
import dev.jnas.nn.Tracer;
import dev.jnas.nn.spaces.EveryChoiceSpace;
import dev.jnas.nn.spaces.TutorialSpace;
import dev.jnas.runtime.FunctionalEvaluator;
import dev.jnas.runtime.Nas;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeTest {
  @TempDir Path dir;

  @Test
  void anExperimentKilledWithSigkillResumesWithoutLosingOrRepeatingWork() throws Exception {
    Path experiment = dir.resolve("experiment");
    Path log = dir.resolve("evaluations.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true",
        "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
        ResumableExperiment.class.getName(), experiment.toString(), log.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("child.out").toFile()).start();
    List<ExperimentStore.StoredTrial> beforeKill = List.of();
    List<ProcessHandle> workers = List.of();
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      Thread.sleep(100);
      if (Files.exists(experiment.resolve(ExperimentStore.FILE))) {
        long succeeded;
        try (ExperimentStore store = ExperimentStore.open(experiment)) {
          succeeded = store.trials().stream().filter(t -> t.state() == TrialState.SUCCEEDED).count();
        } catch (IllegalStateException schemaNotYetCommitted) {
          continue;
        }
        if (succeeded >= 3) {
          workers = child.toHandle().descendants().filter(p -> p.info().commandLine().orElse("").contains("-Djnas.worker=")).toList();
          child.destroyForcibly(); // SIGKILL: no shutdown hooks, no chance to tidy up
          child.waitFor();
          break;
        }
      }
      assertTrue(child.isAlive(), () -> "the child ended before it was killed:\n" + read(dir.resolve("child.out")));
    }
    assertEquals(2, workers.size(), "the engine ran its trials in 2 worker JVMs");
    long workersDeadline = System.nanoTime() + 10_000_000_000L;
    while (workers.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < workersDeadline) {
      Thread.sleep(50);
    }
    assertTrue(workers.stream().noneMatch(ProcessHandle::isAlive), "within seconds of the engine's kill -9, no worker remains");
    try (ExperimentStore store = ExperimentStore.open(experiment)) {
      beforeKill = store.trials().stream().filter(t -> t.state() == TrialState.SUCCEEDED).toList();
      assertTrue(store.trials().size() < 10, "killed mid-run");
    }
    assertTrue(beforeKill.size() >= 3);

    NasExperiment resumed = ResumableExperiment.experiment(log).progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    resumed.resume(experiment);

    List<Trial> trials = resumed.trials();
    assertEquals(10, trials.size(), "the total equals maxTrialNumber");
    assertTrue(trials.stream().allMatch(t -> t.state() == TrialState.SUCCEEDED), trials::toString);
    assertEquals(10, new HashSet<>(trials.stream().map(Trial::sample).toList()).size(), "no architecture twice");
    Map<Integer, Long> evaluations = Files.readAllLines(log).stream().map(Integer::parseInt)
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    for (ExperimentStore.StoredTrial kept : beforeKill) {
      assertEquals(1, evaluations.get(kept.id()), "finished trial " + kept.id() + " was not run again");
      Trial now = trials.get(kept.id() - 1);
      assertEquals(kept.sample(), now.sample());
      assertEquals(kept.finalMetric(), now.finalMetric());
    }
    try (ExperimentStore store = ExperimentStore.open(experiment)) {
      List<ExperimentStore.StoredTrial> stored = store.trials();
      assertEquals(10, stored.size(), "every trial recorded exactly once");
      assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), stored.stream().map(ExperimentStore.StoredTrial::id).toList());
      assertTrue(stored.stream().allMatch(t -> t.intermediate().equals(List.of(0.1))), "metrics of re-run trials are not doubled");
      assertEquals("DONE", store.get("status").orElseThrow());
      assertTrue(store.events().stream().anyMatch(e -> e.kind().equals("resumed")));
    }
  }

  @Test
  void resumingWithAnotherSpaceIsAClearError() throws Exception {
    Path experiment = dir.resolve("e");
    NasExperiment first = new NasExperiment(new TutorialSpace(),
        new FunctionalEvaluator(m -> Nas.reportFinalResult(1)), new GridSearchStrategy())
        .progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    first.run(ResumableExperiment.config(experiment).maxTrialNumber(2));
    NasExperiment other = new NasExperiment(new EveryChoiceSpace(),
        new FunctionalEvaluator(m -> Nas.reportFinalResult(1)), new GridSearchStrategy());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.resume(experiment));
    assertTrue(e.getMessage().contains("is not the one the experiment"), e.getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> other.resume(dir.resolve("nothing")))
        .getMessage().contains("holds no jnas experiment"));
    assertTrue(assertThrows(IllegalStateException.class, () -> first.run(ResumableExperiment.config(experiment)))
        .getMessage().contains("has run already"));
  }

  @Test
  void strategiesContinueTheirSequenceFromASnapshot() {
    var space = new TracedArchitectures(Tracer.trace(new TutorialSpace(),
        TensorShape.batchOf(1, 28, 28)).graph());
    for (var make : List.<java.util.function.Supplier<Strategy>>of(
        RandomStrategy::new, () -> new GridSearchStrategy().shuffle(true))) {
      var original = make.get();
      original.start(space, 5);
      for (int i = 0; i < 6; i++) {
        original.ask();
      }
      String snapshot = original.snapshot();
      var restored = make.get();
      restored.start(space, 5);
      restored.restore(snapshot);
      List<Sample> expected = new java.util.ArrayList<>();
      List<Sample> actual = new java.util.ArrayList<>();
      for (int i = 0; i < 12; i++) {
        expected.add(original.ask().orElseThrow());
        actual.add(restored.ask().orElseThrow());
      }
      assertEquals(expected, actual);
      assertTrue(restored.ask().isEmpty(), "18 architectures in all, none repeated");
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return "(no output)";
    }
  }
}
