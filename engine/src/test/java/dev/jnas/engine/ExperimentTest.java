package dev.jnas.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Block;
import dev.jnas.engine.store.ExperimentStore;
import dev.jnas.engine.strategy.ArchitectureSpace;
import dev.jnas.engine.strategy.Constraints;
import dev.jnas.engine.strategy.GridSearchStrategy;
import dev.jnas.engine.strategy.RandomStrategy;
import dev.jnas.engine.strategy.Strategy;
import dev.jnas.ir.Sample;
import dev.jnas.nn.Conv2d;
import dev.jnas.nn.ModelWrapper;
import dev.jnas.nn.NasModule;
import dev.jnas.nn.Repeat;
import dev.jnas.nn.Tensor;
import dev.jnas.nn.spaces.TestSpaces;
import dev.jnas.nn.spaces.TutorialSpace;
import dev.jnas.runtime.FunctionalEvaluator;
import dev.jnas.runtime.Nas;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentTest {
  @TempDir Path dir;

  private ExperimentConfig config(int trials, int concurrency) {
    return ExperimentConfig.local().trainingService(TrainingServiceKind.IN_PROCESS).experimentName("test").maxTrialNumber(trials).trialConcurrency(concurrency)
        .inputShape(1, 28, 28).experimentDir(dir).seed(7);
  }

  private static PrintStream quiet(ByteArrayOutputStream sink) {
    return new PrintStream(sink, true, StandardCharsets.UTF_8);
  }

  @Test
  void randomWithDedupRunsEveryArchitectureOnceAndEndsWhenTheSpaceIsExhausted() {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    NasExperiment exp = new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(models -> {
      Block block = models.newBlock();
      assertTrue(block.getClass().getName().startsWith("dev.jnas.generated.TutorialSpace_"));
      Nas.reportIntermediateResult(0.5);
      Nas.reportFinalResult(TutorialScore.of(models.sample()));
    }), new RandomStrategy().dedup(true)).progress(quiet(log));
    exp.run(config(100, 2));
    List<Trial> trials = exp.trials();
    assertEquals(18, trials.size());
    assertEquals(18, new HashSet<>(trials.stream().map(Trial::sample).toList()).size());
    assertTrue(trials.stream().allMatch(t -> t.state() == TrialState.SUCCEEDED), trials.toString());
    assertTrue(exp.stopReason().startsWith("the search space is exhausted: all 18 architectures"), exp.stopReason());
    String out = log.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("[trial 1] {\"conv2\": "), out);
    assertTrue(out.contains("18/100 trials done"), out);
    assertEquals(List.of(Map.of("conv2", 1, "dropout1.p", 0.25, "feature", 256)), exp.exportTopModels(1, Formatter.DICT));
  }

  @Test
  void theSameSeedProposesTheSameSequence() {
    List<List<Sample>> runs = new java.util.ArrayList<>();
    for (int i = 0; i < 2; i++) {
      NasExperiment exp = new NasExperiment(new TutorialSpace(),
          new FunctionalEvaluator(models -> Nas.reportFinalResult(1.0)), new RandomStrategy())
          .progress(quiet(new ByteArrayOutputStream()));
      exp.run(config(6, 1).experimentDir(dir.resolve("run" + i)));
      runs.add(exp.trials().stream().map(Trial::sample).toList());
    }
    assertEquals(runs.get(0), runs.get(1));
  }

  @Test
  void aFailingTrialIsRecordedAndTheOthersGoOn() {
    NasExperiment exp = new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(models -> {
      int id = Nas.trialId();
      if (id == 2) {
        throw new IllegalStateException("out of memory, say");
      }
      if (id == 3) {
        return; // no final result
      }
      if (id == 4) {
        Nas.reportFinalResult(Double.NaN);
      }
      Nas.reportFinalResult(id);
    }), new GridSearchStrategy()).progress(quiet(new ByteArrayOutputStream()));
    exp.run(config(5, 1));
    List<Trial> trials = exp.trials();
    assertEquals(List.of(TrialState.SUCCEEDED, TrialState.FAILED, TrialState.FAILED, TrialState.FAILED, TrialState.SUCCEEDED),
        trials.stream().map(Trial::state).toList());
    assertEquals("IllegalStateException: out of memory, say", trials.get(1).failure());
    assertTrue(trials.get(2).failure().contains("without reporting a final result"));
    assertTrue(trials.get(3).failure().contains("must be finite"));
    assertEquals(5.0, trials.get(4).finalMetric().getAsDouble());
    assertEquals(List.of(trials.get(4).sample().decisions()), exp.exportTopModels(1, Formatter.DICT));
  }

  @Test
  void pureAndBaseEnginesRunTheSameArchitectures() throws Exception {
    Map<ExecutionEngine, List<Trial>> runs = new java.util.EnumMap<>(ExecutionEngine.class);
    for (ExecutionEngine engine : List.of(ExecutionEngine.PURE, ExecutionEngine.BASE)) {
      NasExperiment exp = new NasExperiment(new TutorialSpace(),
          new FunctionalEvaluator(models -> Nas.reportFinalResult(TutorialScore.of(models.sample()))), new GridSearchStrategy())
          .progress(quiet(new ByteArrayOutputStream()));
      exp.run(config(3, 1).executionEngine(engine).experimentDir(dir.resolve(engine.name())));
      assertEquals(3, exp.trials().stream().filter(t -> t.state() == TrialState.SUCCEEDED).count(), engine.name());
      runs.put(engine, exp.trials());
    }
    for (int i = 0; i < 3; i++) {
      Trial pure = runs.get(ExecutionEngine.PURE).get(i);
      Trial base = runs.get(ExecutionEngine.BASE).get(i);
      assertEquals(pure.sample(), base.sample());
      assertEquals(pure.architecture(), base.architecture(), "trial " + pure.id() + " ran one architecture on both engines");
      assertEquals(source(pure), source(base), "trial " + pure.id() + "'s generated source is byte-identical");
      assertTrue(source(base).contains("// Sample: " + base.sample().toJson()), source(base));
    }
  }

  private static String source(Trial t) throws java.io.IOException {
    try (var files = Files.list(t.outputDir())) {
      return Files.readString(files.filter(p -> p.toString().endsWith(".java")).findFirst().orElseThrow());
    }
  }

  @Test
  void codeExportWritesTheTopModelsSource() throws Exception {
    NasExperiment exp = new NasExperiment(new TutorialSpace(),
        new FunctionalEvaluator(models -> Nas.reportFinalResult(TutorialScore.of(models.sample()))), new GridSearchStrategy().shuffle(true))
        .progress(quiet(new ByteArrayOutputStream()));
    exp.run(config(18, 2).optimizeMode(OptimizeMode.MINIMIZE));
    List<Object> code = exp.exportTopModels(2, Formatter.CODE);
    assertEquals(2, code.size());
    assertTrue(((String) code.get(0)).contains("// Sample: {\"conv2\": 0, \"dropout1.p\": 0.75, \"feature\": 64}"), (String) code.get(0));
    assertEquals(2, Files.list(dir.resolve("export")).count());
  }

  @Test
  void strategiesAreToldMetricsOrientedSoThatLargerIsBetter() {
    java.util.List<Double> told = new java.util.ArrayList<>();
    GridSearchStrategy inner = new GridSearchStrategy();
    Strategy grid = new Strategy() {
      @Override
      public void start(ArchitectureSpace space, long seed) {
        inner.start(space, seed);
      }

      @Override
      public java.util.Optional<Sample> ask() {
        return inner.ask();
      }

      @Override
      public void tell(Sample sample, java.util.OptionalDouble metric) {
        told.add(metric.getAsDouble());
      }

      @Override
      public String snapshot() {
        return inner.snapshot();
      }

      @Override
      public void restore(String snapshot) {
        inner.restore(snapshot);
      }
    };
    NasExperiment exp = new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(models -> Nas.reportFinalResult(0.3)), grid)
        .progress(quiet(new ByteArrayOutputStream()));
    exp.run(config(2, 1).optimizeMode(OptimizeMode.MINIMIZE));
    assertEquals(List.of(-0.3, -0.3), told);
    assertEquals(0.3, exp.trials().get(0).finalMetric().getAsDouble(), "the trial keeps the metric as reported");
  }

  @Test
  void constraintsRejectBeforeTrainingAndTheStoreSaysWhy() {
    NasExperiment exp = new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(models -> Nas.reportFinalResult(1)),
        new GridSearchStrategy().constraint(Constraints.maxFlops(5_000_000)))
        .progress(quiet(new ByteArrayOutputStream()));
    exp.run(config(100, 1));
    assertEquals(9, exp.trials().size(), "only the separable convolutions stay under 5 MFLOPs");
    assertTrue(exp.trials().stream().allMatch(t -> t.sample().get("conv2").equals(1)));
    List<ExperimentStore.Event> rejected = NasExperiment.view(dir).events().stream().filter(e -> e.kind().equals("rejected")).toList();
    assertEquals(9, rejected.size());
    assertTrue(rejected.get(0).message().contains("FLOPs per example exceed the limit of 5,000,000"), rejected.get(0).message());
  }

  @Test
  void trialsThatRunTooLongFail() {
    NasExperiment exp = new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(models -> {
      Thread.sleep(5_000);
      Nas.reportFinalResult(1);
    }), new GridSearchStrategy()).progress(quiet(new ByteArrayOutputStream()));
    exp.run(config(1, 1).maxTrialDuration(Duration.ofMillis(300)));
    assertEquals(TrialState.FAILED, exp.trials().get(0).state());
    assertTrue(exp.trials().get(0).failure().contains("exceeded maxTrialDuration"));
  }

  @Test
  void invalidConfigsFailBeforeAnythingStarts() {
    NasExperiment exp = new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(m -> {}), new RandomStrategy());
    assertEquals("invalid experiment config: trialConcurrency must be at least 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> exp.run(config(4, 0))).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> exp.run(config(4, 1).maxExperimentDuration(Duration.ofSeconds(-1))))
        .getMessage().contains("maxExperimentDuration must be positive"));
    int gpus = ai.djl.engine.Engine.getInstance().getGpuCount();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> exp.run(config(4, 1).trialGpuNumber(gpus + 1)))
        .getMessage().contains("trialGpuNumber is " + (gpus + 1) + " but this machine has " + gpus + " GPU"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> exp.run(ExperimentConfig.local()))
        .getMessage().contains("inputShape must give"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> exp.run(config(-1, 1)))
        .getMessage().contains("maxTrialNumber must be at least 1"));
    assertEquals(0, exp.trials().size());
  }

  /** A space too deep for one Java method: its generated forward exceeds javac's 64 KB code limit. */
  @ModelWrapper
  static final class TooDeep extends NasModule {
    final Repeat blocks = new Repeat(i -> new Conv2d(1, 1, 1), 2000);

    @Override
    public Tensor forward(Tensor x) {
      return blocks.forward(x);
    }
  }

  @Test
  void aTrialWhoseSourceJavacRejectsFailsQuotingJavacAndKeepsTheSource() throws Exception {
    NasExperiment exp = new NasExperiment(new TooDeep(), new FunctionalEvaluator(models -> Nas.reportFinalResult(1)),
        new GridSearchStrategy()).progress(quiet(new ByteArrayOutputStream()));
    exp.run(config(1, 1).inputShape(1, 2, 2));
    Trial trial = exp.trials().get(0);
    assertEquals(TrialState.FAILED, trial.state());
    assertTrue(trial.failure().contains("code too large"), trial.failure());
    assertTrue(trial.failure().matches(".*TooDeep_\\w+\\.java:\\d+:\\d+: .*"), "names the file and line:column: " + trial.failure());
    assertTrue(source(trial).contains("public final class TooDeep_"), "the rejected source is kept");
  }

  @Test
  void aChoiceInsideAChosenDepthRepeatRunsOnBothEngines() throws Exception {
    // Regression: BASE froze once per mutator, so choices a Repeat's expansion revealed stayed undecided.
    for (ExecutionEngine engine : List.of(ExecutionEngine.BASE, ExecutionEngine.PURE)) {
      NasExperiment exp = new NasExperiment(new TestSpaces.ChoiceInChosenRepeat(),
          new FunctionalEvaluator(models -> Nas.reportFinalResult(1)), new GridSearchStrategy())
          .progress(quiet(new ByteArrayOutputStream()));
      exp.run(config(100, 1).inputShape(8, 16, 16).executionEngine(engine).experimentDir(dir.resolve(engine.name())));
      List<Trial> trials = exp.trials();
      // 3 depths x 2 candidates: every position's choice carries the one label "lc", so one decision.
      assertEquals(6, trials.size(), engine + ": " + exp.stopReason());
      assertTrue(trials.stream().allMatch(t -> t.state() == TrialState.SUCCEEDED), () -> engine + ": " + trials);
    }
  }
}
