package dev.jnas.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.engine.BenchmarkTable;
import dev.jnas.engine.ExecutionEngine;
import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.Trial;
import dev.jnas.engine.TrialState;
import dev.jnas.engine.strategy.TpeStrategy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrategyBenchmarkTest {
  static final BenchmarkTable TABLE = BenchmarkTable.resource("/benchmarks/mnist-192.tsv");

  @TempDir Path dir;

  @Test
  void theTableCoversTheWholeSpace() {
    assertEquals(192, TABLE.size());
    assertEquals(192, StrategyBenchmark.space().size());
    for (var s : StrategyBenchmark.space().architectures(192)) {
      assertTrue(TABLE.metric(s).isPresent(), s.toJson());
    }
    // The best architecture is the one with the best metric, either way round.
    assertEquals(TABLE.best(dev.jnas.engine.OptimizeMode.MAXIMIZE), TABLE.metric(TABLE.bestSample(dev.jnas.engine.OptimizeMode.MAXIMIZE)).getAsDouble());
    assertEquals(0.9, TABLE.best(dev.jnas.engine.OptimizeMode.MAXIMIZE), 1e-9);
    assertEquals(0.565, TABLE.best(dev.jnas.engine.OptimizeMode.MINIMIZE), 1e-9);
  }

  /**
   * What docs/benchmark.md claims each strategy cuts random's mean regret by at 50 trials, in whole
   * percent as the docs round it; the run below is the docs' table (20 seeds x 50 trials).
   */
  static final Map<String, Integer> CLAIMED_CUT_PERCENT = Map.of("evolution", 40, "tpe", 21, "rl", 77);

  @Test
  void afterFiftyTrialsEachStrategyCutsRandomsRegretAsTheDocsClaim() {
    List<StrategyBenchmark.Row> rows = StrategyBenchmark.run(TABLE, 20, 50);
    double random = rows.get(0).mean()[2];
    assertEquals("random", rows.get(0).strategy());
    assertEquals(Set.of("random", "evolution", "tpe", "rl"), rows.stream().map(StrategyBenchmark.Row::strategy).collect(Collectors.toSet()));
    for (StrategyBenchmark.Row r : rows) {
      assertTrue(r.mean()[0] >= r.mean()[1] && r.mean()[1] >= r.mean()[2], r.strategy() + ": regret only falls with more trials");
      assertTrue(r.mean()[2] >= 0);
      if (!r.strategy().equals("random")) {
        long cut = Math.round(100 * (1 - r.mean()[2] / random));
        assertTrue(cut >= CLAIMED_CUT_PERCENT.get(r.strategy()), r.strategy() + " cuts random's regret " + random + " to "
            + r.mean()[2] + ", by " + cut + "%; docs/benchmark.md claims " + CLAIMED_CUT_PERCENT.get(r.strategy()) + "%");
      }
    }
  }

  @Test
  void benchmarkModeLooksMetricsUpInsteadOfTraining() throws Exception {
    NasExperiment exp = new NasExperiment(new BenchmarkSpace(), TABLE.evaluator(), new TpeStrategy().startupTrials(5))
        .progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    exp.run(ExperimentConfig.local().maxTrialNumber(30).executionEngine(ExecutionEngine.BENCHMARK)
        .inputShape(1, 28, 28).experimentDir(dir));
    assertEquals(30, exp.trials().size());
    for (Trial t : exp.trials()) {
      assertEquals(TrialState.SUCCEEDED, t.state(), t.failure());
      assertEquals(TABLE.metric(t.sample()).getAsDouble(), t.finalMetric().getAsDouble());
      try (Stream<Path> files = Files.list(t.outputDir())) {
        assertFalse(files.anyMatch(p -> p.toString().endsWith(".java")), "nothing is generated in benchmark mode");
      }
    }
  }

  @Test
  void itsStandardOutputIsTheMarkdownTableAlone() {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      StrategyBenchmark.main(new String[] {"2", "10"});
    } finally {
      System.setOut(original);
    }
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(2 + StrategyBenchmark.STRATEGIES.size(), lines.size(), lines.toString());
    assertTrue(lines.stream().allMatch(l -> l.startsWith("|") && l.endsWith("|")), "only table rows on stdout: " + lines);
  }
}
