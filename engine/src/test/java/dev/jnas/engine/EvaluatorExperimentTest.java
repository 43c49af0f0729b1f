package dev.jnas.engine;

import static dev.jnas.nn.F.logSoftmax;
import static dev.jnas.nn.F.relu;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnas.engine.cli.Jnas;
import dev.jnas.engine.store.ExperimentStore;
import dev.jnas.engine.strategy.GridSearchStrategy;
import dev.jnas.engine.strategy.RandomStrategy;
import dev.jnas.engine.ui.WebUi;
import dev.jnas.nn.Linear;
import dev.jnas.nn.ModelWrapper;
import dev.jnas.nn.NasModule;
import dev.jnas.nn.Tensor;
import dev.jnas.nn.ValueChoice;
import dev.jnas.runtime.ClassificationEvaluator;
import dev.jnas.runtime.DatasetSource;
import dev.jnas.runtime.FunctionalEvaluator;
import dev.jnas.runtime.Hyperparameter;
import dev.jnas.runtime.ModelFactory;
import dev.jnas.runtime.Nas;
import dev.jnas.runtime.RegressionEvaluator;
import dev.jnas.runtime.TrainingData;
import dev.jnas.worker.TrialRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluators inside experiments: input shapes from the data, hyperparameters searched with the
 * architecture, metric maps, metric limits, the median stopping rule, and repeatable seeds.
 */
class EvaluatorExperimentTest {
  @TempDir Path dir;

  /** An MLP over 2-D points with a searched hidden width. */
  @ModelWrapper
  static final class BlobSpace extends NasModule {
    final Linear hidden = new Linear(2, ValueChoice.of(8, 16).label("width"));
    final Linear out = new Linear(ValueChoice.of(8, 16).label("width"), 3);

    @Override
    public Tensor forward(Tensor x) {
      return logSoftmax(out.forward(relu(hidden.forward(x))), 1);
    }
  }

  /** Three Gaussian blobs in 2-D. */
  static DatasetSource blobs(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n * 2];
    float[] y = new float[n];
    double[][] centres = {{-3, 0}, {3, 0}, {0, 4}};
    for (int i = 0; i < n; i++) {
      int c = i % 3;
      x[2 * i] = (float) (centres[c][0] + r.nextGaussian());
      x[2 * i + 1] = (float) (centres[c][1] + r.nextGaussian());
      y[i] = c;
    }
    return DatasetSource.arrays(x, new long[] {2}, y);
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  private ExperimentConfig config(String name, TrainingServiceKind service, int trials) {
    // No inputShape: the evaluator's data gives it.
    return ExperimentConfig.local().experimentName(name).trainingService(service).maxTrialNumber(trials).trialConcurrency(1)
        .trialThreads(1).experimentDir(dir.resolve(name)).seed(7);
  }

  private static ClassificationEvaluator searchedEvaluator() {
    return new ClassificationEvaluator(TrainingData.of(blobs(120, 1), blobs(60, 2))).epochs(2).batchSize(16)
        .learningRate(Hyperparameter.choice("lr", 0.001, 0.05)).keepModel(false);
  }

  @Test
  void hyperparametersAreSearchedStoredExportedAndReachTheWorker() {
    NasExperiment exp = new NasExperiment(new BlobSpace(), searchedEvaluator(), new GridSearchStrategy()).progress(quiet());
    exp.run(config("hp", TrainingServiceKind.LOCAL, 10));
    assertTrue(exp.stopReason().startsWith("the search space is exhausted"), exp.stopReason());
    List<Trial> trials = exp.trials();
    assertEquals(4, trials.size(), "2 widths x 2 learning rates");
    assertTrue(trials.stream().allMatch(t -> t.state() == TrialState.SUCCEEDED), trials::toString);
    assertEquals(List.of("width", "lr"), List.copyOf(trials.get(0).sample().decisions().keySet()));
    ExperimentView view = NasExperiment.view(exp.experimentDir());
    assertTrue(view.searchSpace().startsWith("4 architectures"), view.searchSpace());
    assertEquals(List.of(2L), view.config().inputShapes().stream().map(s -> s[0]).toList(), "the input shape came from the data");
    for (ExperimentStore.StoredTrial t : view.trials()) {
      // 120 examples in batches of 16, 2 epochs: 16 steps, the last always recorded.
      assertEquals(new ExperimentStore.Progress(16, 16), t.progress(), "the worker's progress reached the store");
      assertEquals(List.of("default", "accuracy", "loss"), List.copyOf(t.finalMetrics().keySet()), "every key is stored");
      assertEquals(2, t.intermediateMetrics().size());
      assertEquals(t.finalMetrics().get("accuracy"), t.finalMetric().getAsDouble(), 0.0);
      assertEquals(7L * 1_000_003 + t.id(), t.seed(), "the trial's seed is stored");
    }
    // The worker read lr from the sample: at 0.001 for 2 epochs the blobs are barely learnt, at 0.05 they are.
    double slow = trials.stream().filter(t -> t.sample().decisions().get("lr").equals(0.001)).mapToDouble(t -> t.finalMetric().getAsDouble()).max().orElseThrow();
    double fast = trials.stream().filter(t -> t.sample().decisions().get("lr").equals(0.05)).mapToDouble(t -> t.finalMetric().getAsDouble()).min().orElseThrow();
    assertTrue(fast > slow, "lr reached the trials: fast " + fast + ", slow " + slow);
    @SuppressWarnings("unchecked")
    Map<String, Object> best = (Map<String, Object>) exp.exportTopModels(1, Formatter.DICT).get(0);
    assertEquals(0.05, best.get("lr"));
    String code = (String) exp.exportTopModels(1, Formatter.CODE).get(0);
    assertTrue(code.contains("setUnits(" + best.get("width") + ")"), code);
  }

  @Test
  void theSameSeedAndSampleGiveTheSameMetricsInWorkerJvms() {
    List<List<Map<String, Double>>> runs = new ArrayList<>();
    for (String name : List.of("first", "second")) {
      NasExperiment exp = new NasExperiment(new BlobSpace(), searchedEvaluator(), new GridSearchStrategy()).progress(quiet());
      exp.run(config(name, TrainingServiceKind.LOCAL, 2));
      runs.add(exp.trials().stream().map(Trial::metrics).toList());
    }
    assertEquals(runs.get(0), runs.get(1), "seed 7, the same samples, one thread each");
  }

  @Test
  void aHyperparameterLabelThatClashesWithTheModelsIsRefusedNamingBoth() {
    ClassificationEvaluator clash = new ClassificationEvaluator(TrainingData.of(blobs(30, 1), blobs(30, 2)))
        .batchSize(Hyperparameter.choice("width", 8, 16));
    NasExperiment exp = new NasExperiment(new BlobSpace(), clash, new GridSearchStrategy()).progress(quiet());
    Exception e = assertThrows(RuntimeException.class, () -> exp.run(config("clash", TrainingServiceKind.IN_PROCESS, 1)));
    assertTrue(e.getMessage().contains("label 'width' is used twice: by the model's value choice 'width' [8, 16] and by the"
        + " evaluator's hyperparameter's value choice 'width' [8, 16]"), e.getMessage());
  }

  @Test
  void aRegressionEvaluatorRefusesToBeMaximised() {
    NasExperiment exp = new NasExperiment(new BlobSpace(), new RegressionEvaluator(TrainingData.of(blobs(30, 1), blobs(30, 2))),
        new GridSearchStrategy()).progress(quiet());
    Exception e = assertThrows(IllegalArgumentException.class, () -> exp.run(config("regression", TrainingServiceKind.IN_PROCESS, 1)));
    assertTrue(e.getMessage().contains("set optimizeMode(OptimizeMode.MINIMIZE)"), e.getMessage());
  }

  /** Reports accuracy = width / 16 and latency = width (a wider net is better and slower). */
  static void widthScore(ModelFactory models) {
    long width = ((Number) models.sample().get("width")).longValue();
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("accuracy", width / 16.0);
    metrics.put("latency", (double) width);
    Nas.reportFinalResult(metrics);
  }

  @Test
  void aMetricKeyRanksAndALimitOnAnotherMakesTrialsInfeasible() {
    NasExperiment exp = new NasExperiment(new BlobSpace(), new FunctionalEvaluator(EvaluatorExperimentTest::widthScore),
        new GridSearchStrategy()).progress(quiet());
    exp.run(config("limits", TrainingServiceKind.IN_PROCESS, 2).inputShape(2).metricKey("accuracy")
        .metricLimits(MetricLimit.atMost("latency", 10)));
    Map<Long, TrialState> states = new LinkedHashMap<>();
    exp.trials().forEach(t -> states.put(((Number) t.sample().decisions().get("width")).longValue(), t.state()));
    assertEquals(Map.of(8L, TrialState.SUCCEEDED, 16L, TrialState.INFEASIBLE), states);
    Trial wide = exp.trials().stream().filter(t -> t.state() == TrialState.INFEASIBLE).findFirst().orElseThrow();
    assertEquals("latency 16.0 breaks the limit latency <= 10.0", wide.failure());
    assertEquals(1.0, wide.finalMetric().getAsDouble(), "an infeasible trial keeps its metrics");
    @SuppressWarnings("unchecked")
    Map<String, Object> best = (Map<String, Object>) exp.exportTopModels(1, Formatter.DICT).get(0);
    assertEquals(8L, ((Number) best.get("width")).longValue(), "the better but infeasible width 16 never ranks");
    assertEquals(TrialState.INFEASIBLE, NasExperiment.view(exp.experimentDir()).trials().get(1).state());

    NasExperiment missing = new NasExperiment(new BlobSpace(), new FunctionalEvaluator(EvaluatorExperimentTest::widthScore),
        new GridSearchStrategy()).progress(quiet());
    missing.run(config("missing", TrainingServiceKind.IN_PROCESS, 1).inputShape(2));
    assertEquals("its final metrics have no 'default', the metric this experiment ranks by (ExperimentConfig.metricKey);"
        + " it reported [accuracy, latency]", missing.trials().get(0).failure());
  }

  /** Five reports of quality x step, where quality is 1 for width 16 and 0.5 for width 8. */
  static void curve(ModelFactory models) {
    double quality = ((Number) models.sample().get("width")).longValue() == 16 ? 1 : 0.5;
    for (int step = 1; step <= 5; step++) {
      Nas.reportIntermediateResult(quality * step);
    }
    Nas.reportFinalResult(quality * 5);
  }

  @Test
  void theMedianRuleStopsTrialsBelowTheMedianAfterTheWarmUp() {
    // Random search over the two widths, repeats allowed: the rule judges only once 3 trials have completed.
    NasExperiment exp = new NasExperiment(new BlobSpace(), new FunctionalEvaluator(EvaluatorExperimentTest::curve),
        new RandomStrategy().dedup(false)).progress(quiet());
    exp.run(config("median", TrainingServiceKind.IN_PROCESS, 12).inputShape(2).medianStop(new MedianStop(2, 3)));
    List<Trial> trials = exp.trials();
    List<Trial> stopped = trials.stream().filter(t -> t.state() == TrialState.EARLY_STOPPED).toList();
    assertTrue(!stopped.isEmpty(), "some width-8 trial ran once 3 had completed: " + trials);
    for (Trial t : stopped) {
      assertEquals(8L, ((Number) t.sample().decisions().get("width")).longValue(), "only the worse curve is stopped");
      assertEquals(2, t.intermediate().size(), "stopped at the first step after the warm-up");
      assertTrue(t.failure().startsWith("stopped at step 2: its best so far, 1.000, is worse than the median"), t.failure());
    }
    long completedBeforeFirstStop = trials.stream().takeWhile(t -> t.state() != TrialState.EARLY_STOPPED).count();
    assertTrue(completedBeforeFirstStop >= 3, "no judgement before 3 trials completed");
    ExperimentStore.StoredTrial recorded = NasExperiment.view(exp.experimentDir()).trials().get(stopped.get(0).id() - 1);
    assertEquals(TrialState.EARLY_STOPPED, recorded.state());
    assertTrue(recorded.told(), "the strategy was told the stopped trial's last value");
  }

  /** Reports accuracy = 10 lr and a constant latency, reading lr from the sample. */
  static final Hyperparameter<Double> LR = Hyperparameter.choice("lr", 0.01, 0.05);

  static void lrScore(ModelFactory models) {
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("accuracy", 10 * LR.valueIn(models.sample()));
    metrics.put("latency", 3.0);
    Nas.reportIntermediateResult(metrics);
    Nas.reportFinalResult(metrics);
  }

  @Test
  void hyperparametersAndEveryMetricKeyReachTheApiAndTheCommandLine() throws Exception {
    NasExperiment exp = new NasExperiment(new BlobSpace(), new FunctionalEvaluator(EvaluatorExperimentTest::lrScore, LR),
        new GridSearchStrategy()).progress(quiet());
    // PURE: the space is instantiated per trial with the model's decisions; lr is no constructor's business.
    exp.run(config("shown", TrainingServiceKind.IN_PROCESS, 4).inputShape(2).metricKey("accuracy").executionEngine(ExecutionEngine.PURE));
    assertEquals(0.5, exp.trials().stream().mapToDouble(t -> t.finalMetric().getAsDouble()).max().orElseThrow(), 1e-9);
    ObjectMapper json = new ObjectMapper();
    HttpClient http = HttpClient.newHttpClient();
    try (ServerSocket probe = new ServerSocket(0)) {
      probe.close();
      try (WebUi ui = NasExperiment.serve(exp.experimentDir(), "127.0.0.1", probe.getLocalPort())) {
        JsonNode experiment = json.readTree(http.send(HttpRequest.newBuilder(ui.uri().resolve("api/v1/experiment")).build(),
            HttpResponse.BodyHandlers.ofString()).body());
        assertEquals("[\"lr\"]", experiment.get("hyperparameters").toString());
        assertEquals("accuracy", experiment.get("metricKey").asText());
        JsonNode lr = experiment.get("choices").get(experiment.get("choices").size() - 1);
        assertEquals("lr", lr.get("label").asText());
        assertEquals("evaluator", lr.get("source").asText());
        JsonNode trial = json.readTree(http.send(HttpRequest.newBuilder(ui.uri().resolve("api/v1/trials")).build(),
            HttpResponse.BodyHandlers.ofString()).body()).get(0);
        assertEquals("{\"accuracy\":0.1,\"latency\":3.0}", trial.get("metrics").toString());
        assertEquals("[{\"accuracy\":0.1,\"latency\":3.0}]", trial.get("intermediateMetrics").toString());
        assertEquals(7L * 1_000_003 + 1, trial.get("seed").asLong());
        assertTrue(trial.get("sample").has("lr"), trial.toString());
      }
    }
    StringWriter out = new StringWriter();
    assertEquals(0, Jnas.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "view",
        exp.experimentDir().toString()));
    assertTrue(out.toString().contains("metric     'accuracy', maximize\n"), out.toString());
    assertTrue(out.toString().contains("searched   hyperparameters lr\n"), out.toString());
    assertTrue(out.toString().contains("{accuracy=0.5, latency=3.0}"), out.toString());
    StringWriter trialOut = new StringWriter();
    assertEquals(0, Jnas.execute(new PrintWriter(trialOut, true), new PrintWriter(new StringWriter(), true), "trial",
        exp.experimentDir().toString(), "1"));
    assertTrue(trialOut.toString().contains("metrics      {accuracy=0.1, latency=3.0}\n"), trialOut.toString());
    assertTrue(trialOut.toString().contains("seed         7000022\n"), trialOut.toString());
    StringWriter csv = new StringWriter();
    assertEquals(0, Jnas.execute(new PrintWriter(csv, true), new PrintWriter(new StringWriter(), true), "export",
        exp.experimentDir().toString(), "--format", "csv"));
    List<String> lines = csv.toString().lines().toList();
    assertEquals("trial,state,width,lr,accuracy,latency,duration_s,seed,reason", lines.get(0));
    assertEquals(5, lines.size(), "a header and every trial: " + lines);
    assertTrue(lines.get(1).matches("1,SUCCEEDED,8,0\\.01,0\\.1,3\\.0,[0-9.]+,7000022,"), lines.get(1));
  }

  /** Two inputs, a 2-vector and a 3-vector, each through its own layer, then summed. */
  @ModelWrapper
  static final class TwoInputSpace extends NasModule {
    final Linear left = new Linear(2, 8);
    final Linear right = new Linear(3, 8);
    final Linear out = new Linear(8, 3);

    @Override
    public Tensor forward(Tensor... inputs) {
      return logSoftmax(out.forward(relu(left.forward(inputs[0]).add(right.forward(inputs[1])))), 1);
    }
  }

  /** Blobs whose class shows in the first input; the second is noise. */
  static DatasetSource twoInputs(int n, long seed) {
    return manager -> {
      Random r = new Random(seed);
      float[] a = new float[n * 2];
      float[] b = new float[n * 3];
      float[] y = new float[n];
      for (int i = 0; i < n; i++) {
        y[i] = i % 3;
        a[2 * i] = (float) (3 * (i % 3) + r.nextGaussian() * 0.3);
        a[2 * i + 1] = (float) r.nextGaussian();
        for (int j = 0; j < 3; j++) {
          b[3 * i + j] = (float) r.nextGaussian();
        }
      }
      return new ArrayDataset.Builder().setData(manager.create(a, new Shape(n, 2)), manager.create(b, new Shape(n, 3)))
          .optLabels(manager.create(y, new Shape(n))).setSampling(1, false).build();
    };
  }

  @Test
  void aModelOfTwoInputsTakesItsShapesFromTheDataAndTrainsInAWorker() {
    NasExperiment exp = new NasExperiment(new TwoInputSpace(), new ClassificationEvaluator(TrainingData.split(twoInputs(150, 5), 0.8))
        .epochs(10).batchSize(16).learningRate(0.05).keepModel(false), new GridSearchStrategy()).progress(quiet());
    exp.run(config("two", TrainingServiceKind.LOCAL, 1));
    Trial t = exp.trials().get(0);
    assertEquals(TrialState.SUCCEEDED, t.state(), t::toString);
    assertEquals(List.of(List.of(2L), List.of(3L)), NasExperiment.view(exp.experimentDir()).config().inputShapes().stream()
        .map(s -> Arrays.stream(s).boxed().toList()).toList());
    assertTrue(t.finalMetric().getAsDouble() > 0.9, t.toString());
  }

  /** The curve of {@link #curve}, a report every 300 ms, so a stop arrives while the trial runs. */
  static void slowCurve(ModelFactory models) throws InterruptedException {
    double quality = ((Number) models.sample().get("width")).longValue() == 16 ? 1 : 0.5;
    for (int step = 1; step <= 5; step++) {
      Nas.reportIntermediateResult(quality * step);
      Thread.sleep(300);
    }
    Nas.reportFinalResult(quality * 5);
  }

  @Test
  void aTrialStoppedEarlyInAWorkerEndsAtItsNextReportAndTheWorkerStays() throws Exception {
    NasExperiment exp = new NasExperiment(new BlobSpace(), new FunctionalEvaluator(EvaluatorExperimentTest::slowCurve),
        new RandomStrategy().dedup(false)).progress(quiet());
    exp.run(config("median-worker", TrainingServiceKind.LOCAL, 7).inputShape(2).medianStop(new MedianStop(1, 2)));
    List<Trial> stopped = exp.trials().stream().filter(t -> t.state() == TrialState.EARLY_STOPPED).toList();
    assertTrue(!stopped.isEmpty(), exp.trials()::toString);
    java.util.Set<String> workers = new java.util.TreeSet<>();
    for (Trial t : exp.trials()) {
      String log = Files.readString(t.outputDir().resolve("trial.log"));
      var started = java.util.regex.Pattern.compile("started on (worker \\S+)").matcher(log);
      assertTrue(started.find(), log);
      workers.add(started.group(1));
    }
    assertEquals(1, workers.size(), "one worker ran every trial, stopped ones included: " + workers);
    for (Trial t : stopped) {
      long reports = Files.readAllLines(t.outputDir().resolve(TrialRunner.METRICS)).size();
      assertTrue(reports < 5, "trial " + t.id() + " ended at its next report after the stop, not after all 5: " + reports);
    }
  }
}
