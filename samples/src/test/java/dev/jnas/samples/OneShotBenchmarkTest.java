package dev.jnas.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.engine.BenchmarkTable;
import dev.jnas.runtime.MnistData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-shot benchmark measures what docs/benchmark.md reports, on a small real run of its benchmark-space half. */
class OneShotBenchmarkTest {
  @TempDir Path dir;

  @Test
  void dartsAndSposEachDeriveATableArchitectureInAFractionOfTheTablesTime() {
    Path mnist = Path.of("..", "..", "shared", "data", "mnist");
    Assumptions.assumeTrue(Files.isRegularFile(mnist.resolve(MnistData.IMAGES)),
        "skipped: the MNIST test split is not at ../shared/data/mnist on this clone (CI always has it)");
    List<OneShotBenchmark.Row> rows = new ArrayList<>();
    OneShotBenchmark.benchmark(MnistData.load(mnist), dir, 1, 1, java.util.Set.copyOf(OneShotBenchmark.SEARCHES), rows::add);
    assertEquals(4, rows.size(), "the table, DARTS, SPOS, SPOS with single paths only");
    BenchmarkTable table = BenchmarkTable.resource("/benchmarks/mnist-192.tsv");
    OneShotBenchmark.Row reference = rows.get(0);
    assertEquals(0.9, reference.retrained(), 1e-9, "the table's best");
    assertEquals(OneShotBenchmark.REPEATS, reference.repeats().length, "the table's best retrained with other seeds");
    for (OneShotBenchmark.Row r : rows.subList(1, 4)) {
      assertEquals(1, r.trials(), r.method() + ": the supernet alone; the table has the retrained figure");
      assertTrue(table.metric(r.derived()).isPresent(), r.derived().toJson());
      assertEquals(table.metric(r.derived()).getAsDouble(), r.retrained(), 0.0);
      assertEquals(OneShotBenchmark.REPEATS, r.repeats().length);
      assertTrue(r.seconds() < r.multiTrialSeconds(), r.method() + " took " + r.seconds() + " s, the table " + r.multiTrialSeconds());
      assertTrue(r.estimate().isPresent() && r.estimate().getAsDouble() > 0.1, r.method() + " estimate " + r.estimate());
      assertTrue(r.markdown().startsWith("| benchmark | " + r.method() + " | 1 | "), r.markdown());
    }
    assertEquals(List.of("DARTS (seed 0)", "SPOS (seed 0)", "SPOS, single paths only (seed 0)"),
        rows.subList(1, 4).stream().map(OneShotBenchmark.Row::method).toList());
    for (OneShotBenchmark.Row r : rows.subList(1, 4)) {
      assertTrue(r.trials() == 1, r.method());
    }
  }
}
