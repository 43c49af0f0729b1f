package dev.jnas.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The built-in evaluators on synthetic data: classification, regression, searched settings, seeds, splits. */
class SupervisedEvaluatorTest {
  /** Three Gaussian blobs in 2-D, well apart: a linear classifier separates them. */
  static DatasetSource blobs(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n * 2];
    float[] y = new float[n];
    double[][] centres = {{-3, 0}, {3, 0}, {0, 4}};
    for (int i = 0; i < n; i++) {
      int c = i % 3;
      x[2 * i] = (float) (centres[c][0] + r.nextGaussian() * 0.5);
      x[2 * i + 1] = (float) (centres[c][1] + r.nextGaussian() * 0.5);
      y[i] = c;
    }
    return DatasetSource.arrays(x, new long[] {2}, y);
  }

  /** y = 2 a - 3 b + 1 plus a little noise. */
  static DatasetSource line(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n * 2];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      float a = (float) r.nextGaussian();
      float b = (float) r.nextGaussian();
      x[2 * i] = a;
      x[2 * i + 1] = b;
      y[i] = 2 * a - 3 * b + 1 + (float) (r.nextGaussian() * 0.05);
    }
    return DatasetSource.arrays(x, new long[] {2}, y);
  }

  private static RecordingFactory classifier(Map<String, Object> sample) {
    return new RecordingFactory("linear", () -> new SequentialBlock().add(Linear.builder().setUnits(3).build())
        .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().logSoftmax(1)))), sample);
  }

  private static RecordingFactory regressor() {
    return new RecordingFactory("linear", () -> Linear.builder().setUnits(1).build());
  }

  @Test
  void classifiesSeparableDataAndReportsEveryMetric() throws Exception {
    ai.djl.engine.Engine.getInstance().setRandomSeed(1);
    NasTest.Recorder trial = new NasTest.Recorder();
    ClassificationEvaluator evaluator = new ClassificationEvaluator(TrainingData.of(blobs(300, 1), blobs(90, 2)))
        .epochs(3).batchSize(16).learningRate(0.05).topK(2).keepModel(false);
    Nas.runAs(trial, () -> evaluator.evaluate(classifier(Map.of())));
    assertEquals(3, trial.maps.size(), "one report per epoch: " + trial.maps);
    Map<String, Double> last = trial.lastMetrics;
    assertEquals(trial.maps.get(2), last, "the final report is the last epoch's");
    assertEquals(List.of("default", "accuracy", "loss", "top2"), List.copyOf(last.keySet()));
    assertTrue(last.get("accuracy") > 0.95, last.toString());
    assertEquals(last.get("accuracy"), last.get("default"));
    assertTrue(last.get("top2") >= last.get("accuracy"), last.toString());
    // 300 examples in batches of 16 is 19 steps an epoch: progress after each of the 57.
    assertEquals(57, trial.progress.size());
    assertEquals(List.of(57L, 57L), List.of(trial.progress.get(56)[0], trial.progress.get(56)[1]));
    assertEquals(1L, trial.progress.get(0)[0]);
  }

  @Test
  void fitsALinearTargetAndSaysLowerIsBetter() throws Exception {
    NasTest.Recorder trial = new NasTest.Recorder();
    // Seeded like a worker JVM would be: the initial weights come from PyTorch's generator.
    ai.djl.engine.Engine.getInstance().setRandomSeed(3);
    RegressionEvaluator evaluator = new RegressionEvaluator(TrainingData.split(line(400, 3), 0.75))
        .epochs(40).batchSize(32).learningRate(0.05).learningRateSchedule(LearningRateSchedule.cosine()).keepModel(false);
    Nas.runAs(trial, () -> evaluator.evaluate(regressor()));
    Map<String, Double> last = trial.lastMetrics;
    assertEquals(List.of("default", "mse", "mae"), List.copyOf(last.keySet()));
    assertTrue(last.get("mse") < 0.05, "y = 2a - 3b + 1 is learnt: " + last);
    assertTrue(evaluator.lowerIsBetter().orElseThrow());
    assertEquals(List.of(new Shape(2)), evaluator.inputShapes().orElseThrow());
  }

  @Test
  void aBlockWhoseOutputDoesNotMatchTheTargetsIsNamed() {
    RegressionEvaluator evaluator = new RegressionEvaluator(TrainingData.of(line(40, 1), line(10, 2))).keepModel(false);
    Exception e = assertThrows(IllegalArgumentException.class, () -> Nas.runAs(new NasTest.Recorder(),
        () -> evaluator.evaluate(new RecordingFactory("wide", () -> Linear.builder().setUnits(3).build()))));
    assertTrue(e.getMessage().contains("does not hold one value per target"), e.getMessage());
  }

  @Test
  void searchedSettingsAreDeclaredAndReadFromTheSample() throws Exception {
    Hyperparameter<Double> lr = Hyperparameter.choice("lr", 1e-4, 0.05);
    Hyperparameter<Integer> epochs = Hyperparameter.choice("epochs", 1, 2);
    ClassificationEvaluator evaluator = new ClassificationEvaluator(TrainingData.of(blobs(150, 1), blobs(60, 2)))
        .learningRate(lr).epochs(epochs).optimizer(Hyperparameter.choice("opt", "adam", "sgd")).keepModel(false);
    assertEquals(List.of("lr", "opt", "epochs"), evaluator.hyperparameters().stream().map(Hyperparameter::label).toList());
    NasTest.Recorder trial = new NasTest.Recorder();
    // Decisions as the store gives them back: 2 as a long, 0.05 as a double.
    Nas.runAs(trial, () -> evaluator.evaluate(classifier(Map.of("lr", 0.05, "epochs", 2L, "opt", "sgd"))));
    assertEquals(2, trial.intermediate.size(), "epochs came from the sample");
    Exception missing = assertThrows(IllegalArgumentException.class,
        () -> Nas.runAs(new NasTest.Recorder(), () -> evaluator.evaluate(classifier(Map.of("lr", 0.05, "opt", "sgd")))));
    assertTrue(missing.getMessage().contains("no decision for hyperparameter 'epochs'"), missing.getMessage());
    Exception bad = assertThrows(IllegalArgumentException.class,
        () -> new ClassificationEvaluator(TrainingData.of(blobs(3, 1), blobs(3, 2))).optimizer(Hyperparameter.choice("o", "adam", "lbfgs")));
    assertTrue(bad.getMessage().contains("\"lbfgs\""), bad.getMessage());
  }

  @Test
  void theSameSeedGivesTheSameMetricsAndAnotherSeedAnotherOrder() throws Exception {
    List<Double> finals = new ArrayList<>();
    for (long seed : new long[] {5, 5, 6}) {
      ai.djl.engine.Engine.getInstance().setRandomSeed((int) seed);
      NasTest.Recorder trial = new SeededRecorder(seed);
      ClassificationEvaluator evaluator = new ClassificationEvaluator(TrainingData.of(blobs(120, 1), blobs(60, 2)))
          .batchSize(8).learningRate(0.01).keepModel(false);
      Nas.runAs(trial, () -> evaluator.evaluate(classifier(Map.of())));
      finals.add(trial.lastMetrics.get("loss"));
    }
    assertEquals(finals.get(0), finals.get(1), "same seed, same loss to the last bit");
    assertNotEquals(finals.get(0), finals.get(2), "another seed, another run");
  }

  @Test
  void aSplitIsFixedAndCoversEveryExampleOnce() throws Exception {
    TrainingData data = TrainingData.split(line(100, 4), 0.8);
    try (NDManager manager = NDManager.newBaseManager()) {
      TrainingData.Sets a = data.open(manager);
      TrainingData.Sets b = data.open(manager);
      assertEquals(80, a.train().size());
      assertEquals(20, a.validation().size());
      assertEquals(a.validation().get(manager, 3).getLabels().singletonOrThrow().getFloat(),
          b.validation().get(manager, 3).getLabels().singletonOrThrow().getFloat(), "the same split every time");
    }
    assertThrows(IllegalArgumentException.class, () -> TrainingData.split(line(10, 1), 1.0));
    Exception tiny = assertThrows(IllegalArgumentException.class, () -> {
      try (NDManager manager = NDManager.newBaseManager()) {
        TrainingData.split(line(1, 1), 0.5).open(manager);
      }
    });
    assertTrue(tiny.getMessage().contains("leaves an empty"), tiny.getMessage());
  }

  @Test
  void aSecondaryMetricThatIsNotFiniteIsLeftOutButTheRankingOneStays() {
    Map<String, Double> reported = new LinkedHashMap<>();
    reported.put("accuracy", 0.5);
    reported.put("loss", Double.NaN);
    assertEquals(Map.of("default", 0.5, "accuracy", 0.5), SupervisedEvaluator.metrics("accuracy", reported));
    Map<String, Double> diverged = new LinkedHashMap<>();
    diverged.put("mse", Double.NaN);
    diverged.put("mae", 0.3);
    assertEquals(List.of("default", "mse", "mae"), List.copyOf(SupervisedEvaluator.metrics("mse", diverged).keySet()),
        "a NaN default (and its named twin) stays, to fail the trial by name");
  }

  @Test
  void schedulesMoveTheRateAsDocumented() {
    Tracker step = LearningRateSchedule.step(2, 0.1).tracker(1f, 10, 6);
    assertEquals(1f, step.getNewValue(19), 1e-6);
    assertEquals(0.1f, step.getNewValue(21), 1e-6);
    assertEquals(0.01f, step.getNewValue(41), 1e-6);
    Tracker cosine = LearningRateSchedule.cosine().tracker(1f, 10, 2);
    assertEquals(1f, cosine.getNewValue(0), 1e-6);
    assertTrue(cosine.getNewValue(20) < 1e-3);
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(0, 0.5));
  }

  /** A recorder with a given seed. */
  static final class SeededRecorder extends NasTest.Recorder {
    private final long seed;

    SeededRecorder(long seed) {
      this.seed = seed;
    }

    @Override
    public long seed() {
      return seed;
    }
  }
}
