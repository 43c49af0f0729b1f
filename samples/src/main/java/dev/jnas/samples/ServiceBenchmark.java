package dev.jnas.samples;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.SlurmSettings;
import dev.jnas.engine.TrainingServiceKind;
import dev.jnas.engine.Trial;
import dev.jnas.engine.TrialState;
import dev.jnas.engine.strategy.GridSearchStrategy;
import dev.jnas.runtime.FunctionalEvaluator;
import dev.jnas.runtime.MnistData;
import dev.jnas.runtime.ModelFactory;
import dev.jnas.runtime.Nas;
import dev.jnas.runtime.OptimizerState;
import dev.jnas.worker.Worker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The training services side by side, in one run: the same hello-NAS trials with {@code local}
 * worker JVMs and {@code inProcess} threads, at concurrency 1 and 2 (wall time of each and their
 * ratios), and the overhead of a trial before its first training step, in a warm worker (from
 * submission) and in a cold one (from the worker JVM's launch). Arguments: trials (8), training
 * images (2000); or "overhead" to measure only the overhead.
 */
public final class ServiceBenchmark {
  private ServiceBenchmark() {}

  /** One configuration's run: how long it took and how its trials ended. */
  public record Run(String name, double seconds, long succeeded, double bestAccuracy) {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("overhead")) {
      overhead(MnistData.load(MnistData.locate(null)).slice(0, 640), Files.createTempDirectory("jnas-service-benchmark"));
      return;
    }
    if (args.length > 1 && args[0].equals("slurm")) {
      slurm(MnistData.load(MnistData.locate(null)).slice(0, 640), Files.createTempDirectory("jnas-service-benchmark"), args[1]);
      return;
    }
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int trainSize = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    Path scratch = Files.createTempDirectory("jnas-service-benchmark");
    MnistData all = MnistData.load(MnistData.locate(null));
    MnistData train = all.slice(0, trainSize);
    MnistData validation = all.slice(all.size() - 1000, all.size());
    System.out.printf("jnas service benchmark: %d hello-NAS trials (1 epoch, %d images, validated on 1000), %d cores%n",
        trials, trainSize, Runtime.getRuntime().availableProcessors());
    // A warm-up run first (JIT, javac, MNIST in this JVM), then each setting twice in mirrored
    // order (ABCD DCBA), so neither drift of the machine nor going first favours a setting.
    throughput(TrainingServiceKind.IN_PROCESS, 2, 2, train, validation, scratch.resolve("warm-up"));
    List<TrainingServiceKind> kinds = List.of(TrainingServiceKind.IN_PROCESS, TrainingServiceKind.IN_PROCESS,
        TrainingServiceKind.LOCAL, TrainingServiceKind.LOCAL);
    int[] concurrencies = {1, 2, 1, 2};
    double[] seconds = new double[4];
    for (int round = 0; round < 2; round++) {
      for (int k = 0; k < 4; k++) {
        int i = round == 0 ? k : 3 - k;
        Run r = throughput(kinds.get(i), concurrencies[i], trials, train, validation, scratch.resolve("round" + round));
        seconds[i] += r.seconds() / 2;
        System.out.printf("  round %d %-14s %6.1f s  %d/%d succeeded, best %.4f%n", round + 1, r.name(), r.seconds(), r.succeeded(),
            trials, r.bestAccuracy());
      }
    }
    System.out.printf("  mean of two: inProcess c1 %.1f s, inProcess c2 %.1f s, local c1 %.1f s, local c2 %.1f s%n",
        seconds[0], seconds[1], seconds[2], seconds[3]);
    System.out.printf("  local c2 / best inProcess: %.2f; local c2 / local c1: %.2f; inProcess c2 / inProcess c1: %.2f%n",
        seconds[3] / Math.min(seconds[0], seconds[1]), seconds[3] / seconds[2], seconds[1] / seconds[0]);
    overhead(train, scratch);
  }

  static Run throughput(TrainingServiceKind kind, int concurrency, int trials, MnistData train, MnistData validation, Path scratch) {
    String name = (kind == TrainingServiceKind.LOCAL ? "local" : "inProcess") + " c" + concurrency;
    NasExperiment exp = new NasExperiment(new ModelSpace(),
        new FunctionalEvaluator(models -> HelloNas.evaluateModel(models, train, validation, 1)), new GridSearchStrategy())
        .progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    long start = System.nanoTime();
    exp.run(ExperimentConfig.local().experimentName(name.replace(' ', '-')).maxTrialNumber(trials).trialConcurrency(concurrency)
        .trainingService(kind).inputShape(1, 28, 28).experimentDir(scratch.resolve(name.replace(' ', '-'))));
    double seconds = (System.nanoTime() - start) / 1e9;
    List<Trial> done = exp.trials();
    return new Run(name, seconds, done.stream().filter(t -> t.state() == TrialState.SUCCEEDED).count(),
        done.stream().filter(t -> t.state() == TrialState.SUCCEEDED).mapToDouble(t -> t.finalMetric().getAsDouble()).max().orElse(0));
  }

  /** Warm workers (the pool reused) and cold ones (a new worker per trial): what a trial costs before it trains. */
  static void overhead(MnistData train, Path scratch) throws IOException {
    for (int recycle : new int[] {1000, 1}) {
      String name = recycle == 1 ? "cold" : "warm";
      NasExperiment exp = new NasExperiment(new ModelSpace(), new FunctionalEvaluator(models -> firstStep(models, train)),
          new GridSearchStrategy()).progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      Path dir = scratch.resolve("overhead-" + name);
      exp.run(ExperimentConfig.local().experimentName(name).maxTrialNumber(18).inputShape(1, 28, 28).experimentDir(dir)
          .workerRecycleTrials(recycle));
      List<Double> fromSubmit = new ArrayList<>();
      List<Double> fromJvmStart = new ArrayList<>();
      for (Trial t : exp.trials()) {
        if (t.state() != TrialState.SUCCEEDED) {
          throw new IllegalStateException("trial " + t.id() + " failed: " + t.failure());
        }
        double firstStep = t.intermediate().get(0);
        fromJvmStart.add(firstStep - t.intermediate().get(1));
        fromSubmit.add(firstStep - submitted(t));
      }
      // The first two trials find their workers still starting; the rest show the steady state.
      List<Double> steady = fromSubmit.subList(2, fromSubmit.size());
      System.out.printf("  %s workers: submit to first training step median %.0f ms (p90 %.0f); worker JVM launch to first step"
          + " median %.0f ms (p90 %.0f)%n", name, median(steady), p90(steady), median(fromJvmStart), p90(fromJvmStart));
    }
  }

  /**
   * The same tiny trials as Slurm jobs, two at a time, on the cluster of {@code slurmConf}: from
   * submission to the job running (Slurm's scheduling) and to the first training step (that plus a
   * cold JVM), against a warm local worker's.
   */
  static void slurm(MnistData train, Path scratch, String slurmConf) throws IOException {
    NasExperiment exp = new NasExperiment(new ModelSpace(), new FunctionalEvaluator(models -> firstStep(models, train)),
        new GridSearchStrategy()).progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    Path dir = scratch.resolve("slurm");
    exp.run(ExperimentConfig.local().experimentName("slurm").maxTrialNumber(18).trialConcurrency(2).inputShape(1, 28, 28)
        .experimentDir(dir).trainingService(TrainingServiceKind.SLURM).slurm(new SlurmSettings()
            .environment(java.util.Map.of("SLURM_CONF", slurmConf)).channelHost("127.0.0.1")
            .pollInterval(java.time.Duration.ofMillis(200))));
    List<Double> toRunning = new ArrayList<>();
    List<Double> toFirstStep = new ArrayList<>();
    for (Trial t : exp.trials()) {
      if (t.state() != TrialState.SUCCEEDED) {
        throw new IllegalStateException("trial " + t.id() + " failed: " + t.failure());
      }
      double submitted = submitted(t);
      toFirstStep.add(t.intermediate().get(0) - submitted);
      String line = Files.readAllLines(t.outputDir().resolve("trial.log")).stream().filter(l -> l.contains(" started on "))
          .findFirst().orElseThrow();
      toRunning.add(Instant.parse(line.substring(0, line.indexOf(' '))).toEpochMilli() - submitted);
    }
    System.out.printf("  Slurm jobs: submit to the trial's start in its job median %.0f ms (p90 %.0f); submit to first training"
        + " step median %.0f ms (p90 %.0f)%n", median(toRunning), p90(toRunning), median(toFirstStep), p90(toFirstStep));
  }

  /** Reports when the first training step starts (epoch millis), and when this JVM started; then stops. */
  static void firstStep(ModelFactory models, MnistData train) throws Exception {
    try (Model model = Model.newInstance("probe"); NDManager data = NDManager.newBaseManager()) {
      model.setBlock(models.newBlock());
      DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss("loss", 1, -1, true, false))
          .optOptimizer(OptimizerState.adam(Optimizer.adam(), model.getNDManager()));
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(64, 1, MnistData.SIDE, MnistData.SIDE));
        Batch batch = trainer.iterateDataset(train.toDataset(data, 64, false)).iterator().next();
        double now = System.currentTimeMillis();
        EasyTrain.trainBatch(trainer, batch);
        trainer.step();
        batch.close();
        Nas.reportIntermediateResult(now);
        // The engine's launch time (a local worker's): /proc's process start times have a second's resolution.
        Nas.reportIntermediateResult(Double.parseDouble(System.getProperty(Worker.LAUNCHED_PROPERTY, "0")));
        Nas.reportFinalResult(1);
      }
    }
  }

  /** When the engine handed the trial to its service: the "waiting" line of its log. */
  private static double submitted(Trial t) throws IOException {
    String line = Files.readAllLines(t.outputDir().resolve("trial.log")).stream().filter(l -> l.contains(" waiting: "))
        .findFirst().orElseThrow();
    return Instant.parse(line.substring(0, line.indexOf(' '))).toEpochMilli();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static double p90(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.9) - 1));
  }
}
