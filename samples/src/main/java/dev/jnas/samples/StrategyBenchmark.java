package dev.jnas.samples;

import dev.jnas.engine.BenchmarkTable;
import dev.jnas.engine.OptimizeMode;
import dev.jnas.engine.TracedArchitectures;
import dev.jnas.engine.strategy.ArchitectureSpace;
import dev.jnas.engine.strategy.PolicyBasedRlStrategy;
import dev.jnas.engine.strategy.RandomStrategy;
import dev.jnas.engine.strategy.RegularizedEvolutionStrategy;
import dev.jnas.engine.strategy.Strategy;
import dev.jnas.engine.strategy.TpeStrategy;
import dev.jnas.ir.Sample;
import dev.jnas.ir.TensorShape;
import dev.jnas.nn.Tracer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * Compares strategies on the tabular benchmark: each runs {@code seeds} times for {@code trials}
 * trials, metrics looked up in {@code benchmarks/mnist-192.tsv}; prints the mean and standard
 * deviation of the regret (best accuracy in the table minus the best found) after 10, 25 and 50
 * trials. Arguments: seeds (20), trials (50).
 */
public final class StrategyBenchmark {
  /** The strategies compared, with the settings used for a 50-trial budget. */
  public static final Map<String, Supplier<Strategy>> STRATEGIES = new LinkedHashMap<>();

  static {
    STRATEGIES.put("random", RandomStrategy::new);
    STRATEGIES.put("evolution", () -> new RegularizedEvolutionStrategy().populationSize(10).sampleSize(4).mutationProb(0.2));
    STRATEGIES.put("tpe", () -> new TpeStrategy().startupTrials(10));
    STRATEGIES.put("rl", () -> new PolicyBasedRlStrategy().samplesPerUpdate(5).learningRate(0.05));
  }

  /** Regret after each checkpoint: mean and standard deviation over seeds. */
  public record Row(String strategy, double[] mean, double[] std) {}

  public static final int[] CHECKPOINTS = {10, 25, 50};

  private StrategyBenchmark() {}

  public static List<Row> run(BenchmarkTable table, int seeds, int trials) {
    ArchitectureSpace space = space();
    double best = table.best(OptimizeMode.MAXIMIZE);
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, Supplier<Strategy>> e : STRATEGIES.entrySet()) {
      double[][] regret = new double[CHECKPOINTS.length][seeds];
      for (int seed = 0; seed < seeds; seed++) {
        Strategy strategy = e.getValue().get();
        strategy.start(space, 1000 + seed);
        double found = Double.NEGATIVE_INFINITY;
        int checkpoint = 0;
        for (int t = 1; t <= trials; t++) {
          Optional<Sample> next = strategy.ask();
          if (next.isPresent()) {
            double metric = table.metric(next.get()).orElseThrow(() -> new IllegalStateException("not in the table: " + next.get()));
            found = Math.max(found, metric);
            strategy.tell(next.get(), OptionalDouble.of(metric));
          }
          while (checkpoint < CHECKPOINTS.length && CHECKPOINTS[checkpoint] == t) {
            regret[checkpoint++][seed] = best - found;
          }
        }
      }
      double[] mean = new double[CHECKPOINTS.length];
      double[] std = new double[CHECKPOINTS.length];
      for (int c = 0; c < CHECKPOINTS.length; c++) {
        double sum = 0;
        for (double r : regret[c]) {
          sum += r;
        }
        mean[c] = sum / seeds;
        double squares = 0;
        for (double r : regret[c]) {
          squares += (r - mean[c]) * (r - mean[c]);
        }
        std[c] = Math.sqrt(squares / Math.max(1, seeds - 1));
      }
      rows.add(new Row(e.getKey(), mean, std));
    }
    return rows;
  }

  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int trials = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    BenchmarkTable table = BenchmarkTable.resource("/benchmarks/mnist-192.tsv");
    // What the table shows goes to stderr: stdout is the markdown table alone, ready to paste.
    System.err.printf("jnas strategy benchmark: %d architectures, best accuracy %.4f; %d seeds x %d trials%n",
        table.size(), table.best(OptimizeMode.MAXIMIZE), seeds, trials);
    System.err.println("regret (best accuracy minus best found), mean +- std over seeds:");
    System.out.printf("| strategy | after 10 | after 25 | after 50 |%n|---|---|---|---|%n");
    for (Row r : run(table, seeds, trials)) {
      System.out.printf("| %s | %.4f +- %.4f | %.4f +- %.4f | %.4f +- %.4f |%n", r.strategy(),
          r.mean()[0], r.std()[0], r.mean()[1], r.std()[1], r.mean()[2], r.std()[2]);
    }
  }

  /** The benchmark space as strategies see it. */
  static ArchitectureSpace space() {
    return new TracedArchitectures(Tracer.trace(new BenchmarkSpace(), TensorShape.batchOf(1, 28, 28)).graph());
  }
}
