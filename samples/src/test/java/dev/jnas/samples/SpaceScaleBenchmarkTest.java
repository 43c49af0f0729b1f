package dev.jnas.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The space-scale benchmark measures what it says: exact counts of each cell, and one checked trace each. */
class SpaceScaleBenchmarkTest {
  @Test
  void eachCellIsCountedExactlyAndTimed() {
    List<SpaceScaleBenchmark.Row> rows = SpaceScaleBenchmark.run(1);
    assertEquals(5, rows.size());
    for (SpaceScaleBenchmark.Row row : rows) {
      // Node i (of n) picks opsPerNode inputs among i + 2 predecessors and an op among 3 for each.
      BigInteger expected = BigInteger.ONE;
      for (int i = 0; i < row.nodes(); i++) {
        expected = expected.multiply(BigInteger.valueOf(3L * (i + 2)).pow(row.opsPerNode()));
      }
      assertEquals(expected, row.space().count(), row.nodes() + " x " + row.opsPerNode());
      assertTrue(row.millis() > 0);
    }
    assertTrue(rows.get(2).space().count().compareTo(BigInteger.TEN.pow(6)) > 0, "a cell past 10^6 architectures is measured");
    assertTrue(rows.get(4).space().count().compareTo(BigInteger.TEN.pow(37)) > 0);
  }
}
