package dev.jnas.samples;

import dev.jnas.engine.BenchmarkTable;
import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.OptimizeMode;
import dev.jnas.engine.TrainingServiceKind;
import dev.jnas.engine.Trial;
import dev.jnas.engine.TrialState;
import dev.jnas.engine.strategy.DartsStrategy;
import dev.jnas.engine.strategy.GridSearchStrategy;
import dev.jnas.engine.strategy.OneShotStrategy;
import dev.jnas.engine.strategy.RandomOneShotStrategy;
import dev.jnas.engine.strategy.Strategy;
import dev.jnas.ir.Sample;
import dev.jnas.nn.NasModule;
import dev.jnas.runtime.ClassificationEvaluator;
import dev.jnas.runtime.MnistData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One-shot NAS against multi-trial search on MNIST, as a markdown table. On the tutorial space (18
 * architectures) the multi-trial reference trains every architecture once; on the tabular
 * benchmark space (192 architectures) the reference is the table, which did the same. DARTS and
 * SPOS each train a supernet and derive an architecture; it is retrained as the reference trained
 * its architectures (the table's figure on the benchmark space). One training is noisy (the best
 * of 192 single runs is a lucky one), so the derived architectures and the reference's best are
 * also each retrained {@value #REPEATS} times with other seeds, and the gap is taken between those
 * means. Wall times are whole experiments (worker JVMs, one trial at a time) on this machine.
 * Arguments: supernet epochs (3), seeds (1), spaces ({@code tutorial,benchmark}), MNIST directory,
 * searches ({@code darts,spos,single}: DARTS, SPOS, SPOS with single paths only).
 */
public final class OneShotBenchmark {
  /** The searches compared, by name: DARTS, SPOS, SPOS with single paths only. */
  static final List<String> SEARCHES = List.of("darts", "spos", "single");

  /** Retrainings per architecture for the means. */
  static final int REPEATS = 3;

  /**
   * One search: its cost (and the multi-trial reference's), what it estimated, what it found, how
   * that retrains once and {@value #REPEATS} times, and the reference best's mean of as many.
   */
  record Row(String space, String method, int trials, double seconds, double multiTrialSeconds, OptionalDouble estimate,
      double retrained, double[] repeats, double bestMean, Sample derived) {
    /** The gap between this architecture's mean and the reference best's, in points. */
    double gap() {
      return 100 * (mean(repeats) - bestMean);
    }

    String markdown() {
      double mean = mean(repeats);
      return String.format(Locale.ROOT, "| %s | %s | %d | %.0f s | %.2fx | %s | %.4f | %.4f ± %.4f | %+.1f | `%s` |", space, method,
          trials, seconds, seconds / multiTrialSeconds,
          estimate.isPresent() ? String.format(Locale.ROOT, "%.4f", estimate.getAsDouble()) : "-", retrained, mean, sd(repeats),
          gap(), derived.toJson());
    }
  }

  private OneShotBenchmark() {}

  public static void main(String[] args) throws Exception {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    List<String> spaces = List.of((args.length > 2 ? args[2] : "tutorial,benchmark").split(","));
    MnistData all = MnistData.load(MnistData.locate(args.length > 3 && !args[3].isEmpty() ? args[3] : null));
    Set<String> searches = Set.of((args.length > 4 ? args[4] : String.join(",", SEARCHES)).split(","));
    if (!SEARCHES.containsAll(searches)) {
      throw new IllegalArgumentException("searches are " + SEARCHES + ", got " + searches);
    }
    Path dir = Files.createTempDirectory("jnas-one-shot");
    System.err.printf("one-shot benchmark: supernets trained %d epochs, %d seed(s), experiments in %s%n", epochs, seeds, dir);
    System.out.println("| space | search | trials | wall time | vs multi-trial | one-shot estimate | retrained | retrained x" + REPEATS
        + " (mean ± sd) | gap to best x" + REPEATS + " (points) | architecture |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    if (spaces.contains("tutorial")) {
      tutorial(all, dir, epochs, seeds, searches, row -> System.out.println(row.markdown()));
    }
    if (spaces.contains("benchmark")) {
      benchmark(all, dir, epochs, seeds, searches, row -> System.out.println(row.markdown()));
    }
  }

  /** The tutorial space: the grid over its 18 architectures, then DARTS and SPOS; each row to {@code out}. */
  static void tutorial(MnistData all, Path dir, int epochs, int seeds, Set<String> searches, java.util.function.Consumer<Row> out) {
    ClassificationEvaluator tutorial = evaluator(all, 4000);
    ExperimentRun grid = experiment(dir, "tutorial-grid", ModelSpace::new, tutorial, new GridSearchStrategy(), 0);
    compare("tutorial", grid, ModelSpace::new, tutorial, dir, epochs, seeds, searches, 18, 6, null, out);
  }

  /** The benchmark space: the table, then DARTS and SPOS; each row to {@code out}. */
  static void benchmark(MnistData all, Path dir, int epochs, int seeds, Set<String> searches, java.util.function.Consumer<Row> out) {
    BenchmarkTable table = BenchmarkTable.resource("/benchmarks/mnist-192.tsv");
    // Scoring a path takes a fraction of a second, so SPOS may look at half of the 192.
    compare("benchmark", null, BenchmarkSpace::new, evaluator(all, 2000), dir, epochs, seeds, searches, 100, 10, table, out);
  }

  /** The evaluator of both references: 1 epoch on the first {@code images}, validated on the last 2,000. */
  private static ClassificationEvaluator evaluator(MnistData all, int images) {
    return new ClassificationEvaluator(all.slice(0, images), all.slice(all.size() - 2000, all.size()))
        .epochs(1).batchSize(32).learningRate(1e-3).keepModel(false);
  }

  /**
   * Prints the reference's row (the grid's run, or the table) and DARTS's and SPOS's for each seed.
   * With a table, the derived architecture's "retrained" figure is the table's (it trained every
   * architecture the same way), else the experiment's second trial.
   */
  private static void compare(String name, ExperimentRun grid, Supplier<? extends NasModule> space, ClassificationEvaluator evaluator,
      Path dir, int epochs, int seeds, Set<String> searches, int budget, int population, BenchmarkTable table,
      java.util.function.Consumer<Row> out) {
    // The table's header: its 192 architectures took 133 s on this machine's 2 cores.
    double referenceSeconds = grid != null ? grid.seconds : 133;
    Sample best = grid != null ? grid.bestSample() : table.bestSample(OptimizeMode.MAXIMIZE);
    double bestOnce = grid != null ? grid.best() : table.best(OptimizeMode.MAXIMIZE);
    double[] bestRepeats = retrain(dir, name + "-best", space, evaluator, best);
    double bestMean = mean(bestRepeats);
    out.accept(new Row(name, grid != null ? "grid (every architecture)" : "table (every architecture)",
        grid != null ? grid.trials.size() : table.size(), referenceSeconds, referenceSeconds, OptionalDouble.empty(), bestOnce,
        bestRepeats, bestMean, best));
    for (int seed = 0; seed < seeds; seed++) {
      Map<String, OneShotStrategy<?>> strategies = new LinkedHashMap<>();
      strategies.put("darts", new DartsStrategy().epochs(epochs).retrain(table == null));
      strategies.put("spos", new RandomOneShotStrategy().searchBudget(budget).population(population).epochs(epochs).retrain(table == null));
      strategies.put("single", new RandomOneShotStrategy().widestPath(false).searchBudget(budget).population(population).epochs(epochs)
          .retrain(table == null));
      strategies.keySet().retainAll(searches);
      for (OneShotStrategy<?> strategy : strategies.values()) {
        String method = strategy instanceof RandomOneShotStrategy spos && !spos.widestPath() ? "SPOS, single paths only"
            : strategy.method().toString();
        ExperimentRun run = experiment(dir, name + "-" + method.replaceAll("[^A-Za-z]", "") + "-" + seed, space, evaluator, strategy, seed);
        Sample derived = strategy.derived().orElseThrow();
        double retrained = table != null ? table.metric(derived).orElse(Double.NaN) : run.trials.get(1).finalMetric().orElse(Double.NaN);
        out.accept(new Row(name, method + " (seed " + seed + ")", run.trials.size(), run.seconds, referenceSeconds,
            run.trials.get(0).finalMetric(), retrained, retrain(dir, name + "-" + method.replaceAll("[^A-Za-z]", "") + "-" + seed + "-again",
            space, evaluator, derived), bestMean, derived));
      }
    }
  }

  /** {@code sample} trained {@value #REPEATS} times, each trial with its own seed. */
  private static double[] retrain(Path dir, String name, Supplier<? extends NasModule> space, ClassificationEvaluator evaluator,
      Sample sample) {
    ExperimentRun run = experiment(dir, name, space, evaluator, new Repeated(sample, REPEATS), 100);
    return run.trials.stream().mapToDouble(t -> t.finalMetric().orElse(Double.NaN)).toArray();
  }

  static double mean(double[] values) {
    return java.util.Arrays.stream(values).average().orElse(Double.NaN);
  }

  static double sd(double[] values) {
    double mean = mean(values);
    return Math.sqrt(java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, values.length - 1));
  }

  /** Proposes one sample {@code times} times (each trial gets its own seed from its id). */
  static final class Repeated implements Strategy {
    private final Sample sample;
    private final int times;
    private int proposed;

    Repeated(Sample sample, int times) {
      this.sample = sample;
      this.times = times;
    }

    @Override
    public void start(dev.jnas.engine.strategy.ArchitectureSpace space, long seed) {}

    @Override
    public java.util.Optional<Sample> ask() {
      return proposed < times ? java.util.Optional.of(sample).filter(s -> ++proposed > 0) : java.util.Optional.empty();
    }

    @Override
    public void tell(Sample sample, OptionalDouble metric) {}

    @Override
    public String snapshot() {
      return Integer.toString(proposed);
    }

    @Override
    public void restore(String snapshot) {
      proposed = Integer.parseInt(snapshot);
    }
  }

  /** An experiment's trials and wall time. */
  record ExperimentRun(List<Trial> trials, double seconds) {
    double best() {
      return trials.stream().filter(t -> t.state() == TrialState.SUCCEEDED).mapToDouble(t -> t.finalMetric().getAsDouble()).max()
          .orElse(Double.NaN);
    }

    Sample bestSample() {
      return trials.stream().filter(t -> t.state() == TrialState.SUCCEEDED)
          .max(java.util.Comparator.comparingDouble(t -> t.finalMetric().getAsDouble())).orElseThrow().sample();
    }
  }

  static ExperimentRun experiment(Path dir, String name, Supplier<? extends NasModule> space, ClassificationEvaluator evaluator,
      Strategy strategy, int seed) {
    NasExperiment exp = new NasExperiment(space, evaluator, strategy)
        .progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    long started = System.nanoTime();
    exp.run(ExperimentConfig.local().experimentName(name).experimentDir(dir.resolve(name)).trainingService(TrainingServiceKind.LOCAL)
        .maxTrialNumber(200).trialConcurrency(1).seed(seed));
    double seconds = (System.nanoTime() - started) / 1e9;
    List<Trial> trials = new ArrayList<>(exp.trials());
    System.err.printf("  %s: %d trials in %.0f s: %s%n", name, trials.size(), seconds, exp.stopReason());
    return new ExperimentRun(trials, seconds);
  }
}
