package dev.jnas.samples;

import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.MedianStop;
import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.Trial;
import dev.jnas.engine.TrialState;
import dev.jnas.engine.strategy.RandomStrategy;
import dev.jnas.runtime.ClassificationEvaluator;
import dev.jnas.runtime.MnistData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the median stopping rule saves on a real run: the same random search over
 * {@link BenchmarkSpace} (same proposals, same trial seeds) trained on MNIST with and without
 * {@link MedianStop}, reporting wall time, epochs trained, trials stopped and the best architecture
 * each found. Arguments: trials (40), epochs per trial (4), training images (2,000), MNIST directory.
 */
public final class MedianStopBenchmark {
  /** One search: the rule (or none), its wall time, the epochs it trained, its trials and the best. */
  record Run(String rule, long millis, int epochsTrained, int stopped, List<Trial> trials, Optional<Trial> best) {}

  private MedianStopBenchmark() {}

  public static void main(String[] args) throws Exception {
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int images = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    MnistData all = MnistData.load(MnistData.locate(args.length > 3 ? args[3] : null));
    List<Run> runs = run(all, trials, epochs, images);
    System.out.printf("random search, %d trials of %d epochs on %d MNIST images (validated on 2,000), 2 at a time%n%n", trials, epochs,
        images);
    System.out.println("| rule | wall s | epochs trained | trials stopped | best accuracy | best architecture |");
    System.out.println("|---|---:|---:|---:|---:|---|");
    for (Run r : runs) {
      System.out.printf("| %s | %.0f (%.2fx) | %d | %d | %s | %s |%n", r.rule(), r.millis() / 1000.0, (double) r.millis() / runs.get(0).millis(),
          r.epochsTrained(), r.stopped(), r.best().map(t -> String.format("%.4f", t.finalMetric().getAsDouble())).orElse("-"),
          r.best().map(t -> t.sample().toJson()).orElse("-"));
    }
  }

  /** The search without a rule, then with {@code MedianStop(1, 5)}. */
  static List<Run> run(MnistData all, int trials, int epochs, int images) throws Exception {
    MnistData train = all.slice(0, images);
    MnistData validation = all.slice(all.size() - 2000, all.size());
    List<Run> runs = new ArrayList<>();
    for (MedianStop rule : new MedianStop[] {null, new MedianStop(1, 5)}) {
      Path dir = Files.createTempDirectory("jnas-median");
      ExperimentConfig config = ExperimentConfig.local().experimentName("median-stop").maxTrialNumber(trials).trialConcurrency(2)
          .experimentDir(dir).seed(11).medianStop(rule);
      NasExperiment exp = new NasExperiment(new BenchmarkSpace(), new ClassificationEvaluator(train, validation).epochs(epochs)
          .batchSize(32).learningRate(1e-3).keepModel(false), new RandomStrategy())
          .progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      long started = System.nanoTime();
      exp.run(config);
      long millis = (System.nanoTime() - started) / 1_000_000;
      List<Trial> done = exp.trials();
      int epochsTrained = done.stream().mapToInt(t -> t.intermediate().size()).sum();
      int stopped = (int) done.stream().filter(t -> t.state() == TrialState.EARLY_STOPPED).count();
      Optional<Trial> best = done.stream().filter(t -> t.state() == TrialState.SUCCEEDED)
          .max(Comparator.comparingDouble(t -> t.finalMetric().getAsDouble()));
      runs.add(new Run(rule == null ? "none" : "median stop (warm-up 1, 5 completed)", millis, epochsTrained, stopped, done, best));
    }
    return runs;
  }
}
