package dev.jnas.engine;

import static dev.jnas.nn.F.logSoftmax;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.engine.strategy.DartsStrategy;
import dev.jnas.engine.strategy.OneShotStrategy;
import dev.jnas.engine.strategy.RandomOneShotStrategy;
import dev.jnas.ir.Sample;
import dev.jnas.nn.Dropout;
import dev.jnas.nn.GELU;
import dev.jnas.nn.LayerChoice;
import dev.jnas.nn.Linear;
import dev.jnas.nn.ModelWrapper;
import dev.jnas.nn.NasModule;
import dev.jnas.nn.ReLU;
import dev.jnas.nn.Tanh;
import dev.jnas.nn.Tensor;
import dev.jnas.nn.ValueChoice;
import dev.jnas.runtime.ClassificationEvaluator;
import dev.jnas.runtime.FunctionalEvaluator;
import dev.jnas.runtime.Hyperparameter;
import dev.jnas.runtime.Nas;
import dev.jnas.runtime.OneShotTrial;
import dev.jnas.runtime.TrainingData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One-shot strategies run through {@link NasExperiment}: trial 1 trains the generated supernet in
 * a worker (its source kept, its architecture weights and path stored), trial 2 retrains the
 * derived architecture, which is what the experiment exports.
 */
public class OneShotExperimentTest {
  @TempDir Path dir;

  /** An MLP over 2-D points: a hidden width, an activation and a dropout rate to choose. */
  @ModelWrapper
  public static final class BlobChoices extends NasModule {
    final ValueChoice<Integer> width = ValueChoice.of(8, 16).label("width");
    final Linear hidden = new Linear(2, width);
    final LayerChoice act = new LayerChoice(activations()).label("act");
    final Dropout dropout = new Dropout(ValueChoice.of(0.0, 0.2).label("p"));
    final Linear out = new Linear(width, 3);

    private static Map<String, NasModule> activations() {
      Map<String, NasModule> out = new LinkedHashMap<>();
      out.put("relu", new ReLU());
      out.put("tanh", new Tanh());
      out.put("gelu", new GELU());
      return out;
    }

    @Override
    public Tensor forward(Tensor x) {
      return logSoftmax(out.forward(dropout.forward(act.forward(hidden.forward(x)))), 1);
    }
  }

  private ExperimentConfig config(String name, TrainingServiceKind service) {
    return ExperimentConfig.local().experimentName(name).trainingService(service).maxTrialNumber(5).trialConcurrency(2)
        .trialThreads(1).experimentDir(dir.resolve(name)).seed(3);
  }

  /** Blobs to classify: 240 to train on (DARTS splits them in two), 90 to validate on. */
  public static ClassificationEvaluator evaluator() {
    return new ClassificationEvaluator(TrainingData.of(EvaluatorExperimentTest.blobs(240, 1), EvaluatorExperimentTest.blobs(90, 2)))
        .epochs(3).batchSize(16).learningRate(0.02).keepModel(false);
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  @Test
  void dartsTrainsTheSupernetInAWorkerThenRetrainsWhatItDerived() throws Exception {
    NasExperiment exp = new NasExperiment(new BlobChoices(), evaluator(), new DartsStrategy()).progress(quiet());
    exp.run(config("darts", TrainingServiceKind.LOCAL));
    assertTrue(exp.stopReason().contains("one-shot DARTS derived"), exp.stopReason());
    List<Trial> trials = exp.trials();
    assertEquals(2, trials.size(), "the supernet, then the derived architecture: " + trials);
    Trial supernet = trials.get(0);
    Trial retrained = trials.get(1);
    assertEquals(TrialState.SUCCEEDED, supernet.state(), supernet.failure());
    assertEquals(TrialState.SUCCEEDED, retrained.state(), retrained.failure());
    assertEquals("darts", supernet.sample().decisions().get(OneShotTrial.KEY));

    // Its source is kept and readable; its reports carry the weights per epoch and the path.
    assertTrue(Files.readString(supernet.outputDir().resolve("BlobChoices_supernet.java")).contains("implements SupernetBlock"));
    assertEquals(3, supernet.intermediateMetrics().size());
    for (Map<String, Double> epoch : supernet.intermediateMetrics()) {
      assertEquals(1, epoch.get("weight.act.0") + epoch.get("weight.act.1") + epoch.get("weight.act.2"), 1e-5, epoch::toString);
      assertEquals(1, epoch.get("weight.width.0") + epoch.get("weight.width.1"), 1e-5, epoch::toString);
      assertEquals(1, epoch.get("weight.p.0") + epoch.get("weight.p.1"), 1e-5, epoch::toString);
    }
    Map<String, Double> last = supernet.intermediateMetrics().get(2);
    Map<String, Object> derived = retrained.sample().decisions();
    int act = supernet.metrics().get("path.act").intValue();
    assertEquals(List.of("relu", "tanh", "gelu").get(act), derived.get("act"));
    for (int i = 0; i < 3; i++) {
      assertTrue(last.get("weight.act." + act) >= last.get("weight.act." + i), "the strongest activation was derived: " + last);
    }
    assertEquals(List.of(8, 16).get(supernet.metrics().get("path.width").intValue()), derived.get("width"));
    assertTrue(supernet.finalMetric().getAsDouble() > 0.8, "one-shot estimate " + supernet.finalMetric());
    assertTrue(retrained.finalMetric().getAsDouble() > 0.8, "retrained " + retrained.finalMetric());

    // The supernet's estimate is no architecture's result: the export is the retrained architecture.
    @SuppressWarnings("unchecked")
    Map<String, Object> best = (Map<String, Object>) exp.exportTopModels(1, Formatter.DICT).get(0);
    assertEquals(derived, best);
    String code = (String) exp.exportTopModels(1, Formatter.CODE).get(0);
    assertTrue(code.contains("setUnits(" + derived.get("width") + ")"), code);
    // So does the command line's: the top model is the retrained one.
    java.io.StringWriter out = new java.io.StringWriter();
    assertEquals(0, dev.jnas.engine.cli.Jnas.execute(new java.io.PrintWriter(out, true), new java.io.PrintWriter(new java.io.StringWriter(), true),
        "export", exp.experimentDir().toString(), "--top", "1", "--format", "dict"));
    assertTrue(out.toString().contains(retrained.sample().toJson()) && !out.toString().contains(OneShotTrial.KEY), out.toString());
  }

  @Test
  void randomOneShotSearchesPathsAndCanSkipRetraining() throws Exception {
    RandomOneShotStrategy strategy = new RandomOneShotStrategy().searchBudget(6).population(3).retrain(false);
    NasExperiment exp = new NasExperiment(new BlobChoices(), evaluator(), strategy).progress(quiet());
    exp.run(config("spos", TrainingServiceKind.IN_PROCESS));
    List<Trial> trials = exp.trials();
    assertEquals(1, trials.size(), trials::toString);
    Trial supernet = trials.get(0);
    assertEquals(TrialState.SUCCEEDED, supernet.state(), supernet.failure());
    assertEquals(6.0, supernet.metrics().get("paths searched"));
    // Every path scored, best first, in the trial's folder.
    List<String> searched = Files.readAllLines(supernet.outputDir().resolve(OneShotTrial.SEARCHED));
    assertEquals(7, searched.size(), searched::toString);
    assertEquals("width\tact\tp\taccuracy\tloss\tloss_as_trained", searched.get(0));
    // Paths that differ only in the dropout rate "p" ran on the validation set once between them.
    assertEquals((double) searched.stream().skip(1).map(line -> line.split("\t")[0] + "," + line.split("\t")[1]).distinct().count(),
        supernet.metrics().get("paths run"));
    // Ranked by validation loss, the least first; the trial's metric is the chosen path's accuracy.
    assertTrue(searched.get(1).split("\t")[3].equals(String.format(java.util.Locale.ROOT, "%.4f", supernet.finalMetric().getAsDouble())),
        searched::toString);
    List<Double> losses = searched.subList(1, searched.size()).stream().map(l -> Double.parseDouble(l.split("\t")[4])).toList();
    assertEquals(losses.stream().sorted().toList(), losses, "best first");
    Sample derived = strategy.derived().orElseThrow();
    assertEquals(List.of(8, 16).get(supernet.metrics().get("path.width").intValue()), derived.decisions().get("width"));
    assertTrue(exp.exportTopModels(1, Formatter.DICT).isEmpty(), "nothing was retrained, so nothing ranks");
    assertTrue(exp.stopReason().contains("one-shot SPOS derived " + derived.toJson()), exp.stopReason());
  }

  @Test
  void whatASupernetCannotTrainIsRefusedBeforeAnythingRuns() {
    FunctionalEvaluator function = new FunctionalEvaluator(models -> Nas.reportFinalResult(1.0));
    IllegalArgumentException functional = assertThrows(IllegalArgumentException.class,
        () -> new NasExperiment(new BlobChoices(), function, new DartsStrategy()).progress(quiet())
            .run(config("functional", TrainingServiceKind.IN_PROCESS).inputShape(2)));
    assertTrue(functional.getMessage().contains("DartsStrategy") && functional.getMessage().contains("ClassificationEvaluator"),
        functional.getMessage());

    ClassificationEvaluator searched = evaluator().learningRate(Hyperparameter.choice("lr", 0.01, 0.1));
    IllegalArgumentException hyperparameters = assertThrows(IllegalArgumentException.class,
        () -> new NasExperiment(new BlobChoices(), searched, new RandomOneShotStrategy()).progress(quiet())
            .run(config("hp", TrainingServiceKind.IN_PROCESS)));
    assertTrue(hyperparameters.getMessage().contains("'lr'"), hyperparameters.getMessage());

    IllegalArgumentException benchmark = assertThrows(IllegalArgumentException.class,
        () -> new NasExperiment(new BlobChoices(), evaluator(), new DartsStrategy()).progress(quiet())
            .run(config("bench", TrainingServiceKind.IN_PROCESS).executionEngine(ExecutionEngine.BENCHMARK)));
    assertTrue(benchmark.getMessage().contains("BENCHMARK"), benchmark.getMessage());
    IllegalArgumentException mutated = assertThrows(IllegalArgumentException.class,
        () -> new NasExperiment(new BlobChoices(), evaluator(), List.of(new dev.jnas.mutators.PlaceholderMutator("slot")
            .candidate("relu", p -> new dev.jnas.ir.op.ReluOp())), new DartsStrategy()).progress(quiet())
            .run(config("mutated", TrainingServiceKind.IN_PROCESS)));
    assertTrue(mutated.getMessage().contains("custom mutators need a multi-trial strategy"), mutated.getMessage());

    IllegalArgumentException ranked = assertThrows(IllegalArgumentException.class,
        () -> new NasExperiment(new BlobChoices(), evaluator(), new DartsStrategy()).progress(quiet())
            .run(config("ranked", TrainingServiceKind.IN_PROCESS).metricKey("loss").optimizeMode(OptimizeMode.MINIMIZE)));
    assertTrue(ranked.getMessage().contains("ranks by accuracy") && ranked.getMessage().contains("'loss'"), ranked.getMessage());

    IllegalArgumentException limited = assertThrows(IllegalArgumentException.class,
        () -> new NasExperiment(new BlobChoices(), evaluator(), new DartsStrategy()).progress(quiet())
            .run(config("limited", TrainingServiceKind.IN_PROCESS).metricLimits(MetricLimit.atLeast("accuracy", 0.5))));
    assertTrue(limited.getMessage().contains("metric limits"), limited.getMessage());
    assertTrue(!Files.exists(dir.resolve("functional")) && !Files.exists(dir.resolve("hp")), "a refused start leaves no experiment");
  }

  @Test
  void aSupernetCutShortTrainsAgainOnResumeThenTheDerivedArchitectureIsRetrained() throws Exception {
    ClassificationEvaluator slow = evaluator().epochs(40);
    NasExperiment first = new NasExperiment(new BlobChoices(), slow, new DartsStrategy()).progress(quiet());
    ExperimentConfig config = config("resumed", TrainingServiceKind.IN_PROCESS);
    Thread runner = new Thread(() -> first.run(config));
    runner.start();
    // Stopped once the supernet has trained a little.
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline && (first.trials().isEmpty() || first.trials().get(0).intermediateMetrics().isEmpty())) {
      Thread.sleep(20);
    }
    first.stop();
    runner.join(60_000);
    assertEquals(1, first.trials().size(), first.trials()::toString);
    assertEquals(TrialState.CANCELLED, first.trials().get(0).state());

    NasExperiment resumed = new NasExperiment(new BlobChoices(), slow, new DartsStrategy()).progress(quiet());
    resumed.resume(dir.resolve("resumed"));
    List<Trial> trials = resumed.trials();
    assertEquals(2, trials.size(), trials::toString);
    assertTrue(OneShotStrategy.isSupernetTrial(trials.get(0).sample()));
    assertEquals(TrialState.SUCCEEDED, trials.get(0).state(), "the supernet trained again: " + trials.get(0).failure());
    assertEquals(40, trials.get(0).intermediateMetrics().size(), "every epoch, from the start");
    assertEquals(TrialState.SUCCEEDED, trials.get(1).state(), trials.get(1).failure());
    assertTrue(!OneShotStrategy.isSupernetTrial(trials.get(1).sample()));
  }

  @Test
  void theStrategyResumesWhereItStopped() {
    DartsStrategy first = new DartsStrategy();
    first.start(new TracedArchitectures(dev.jnas.nn.Tracer.trace(new BlobChoices(), dev.jnas.ir.TensorShape.batchOf(2)).graph()), 1);
    Sample supernet = first.ask().orElseThrow();
    assertTrue(OneShotStrategy.isSupernetTrial(supernet));
    assertTrue(first.ask().isEmpty() && first.awaitsRunningTrials(), "it waits while the supernet trains");
    first.tell(supernet, java.util.OptionalDouble.of(0.9), Map.of("default", 0.9, "path.width", 1.0, "path.act", 2.0, "path.p", 0.0));
    assertTrue(!first.awaitsRunningTrials());

    DartsStrategy resumed = new DartsStrategy();
    resumed.start(new TracedArchitectures(dev.jnas.nn.Tracer.trace(new BlobChoices(), dev.jnas.ir.TensorShape.batchOf(2)).graph()), 1);
    resumed.restore(first.snapshot());
    Sample derived = resumed.ask().orElseThrow();
    assertEquals(Map.of("width", 16, "act", "gelu", "p", 0.0), derived.decisions());
    assertTrue(resumed.ask().isEmpty() && !resumed.awaitsRunningTrials());
  }
}
