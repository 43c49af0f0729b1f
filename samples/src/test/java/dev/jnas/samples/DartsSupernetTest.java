package dev.jnas.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.runtime.MnistData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DartsSpace, NNI's stacked-cell space, as a DARTS supernet: thousands of nodes generate into one
 * class that compiles (its methods split), trains, and derives an architecture whose block compiles
 * against DJL alone. A few steps here; docs/benchmark.md has the 300-step run's time and memory.
 */
class DartsSupernetTest {
  @TempDir Path dir;

  @Test
  void theHubSpacesChosenWidthIsRefusedAsNniRefusesIt() {
    dev.jnas.ir.IrException e = org.junit.jupiter.api.Assertions.assertThrows(dev.jnas.ir.IrException.class,
        () -> dev.jnas.codegen.SupernetGenerator.generate(
            dev.jnas.nn.Tracer.trace(new DartsSpace(), dev.jnas.ir.TensorShape.batchOf(1, 28, 28)).graph(), "DartsSpace"));
    assertTrue(e.getMessage().contains("layer choice 'reduce.op_2_0' has candidates that keep different entries of a shared width alive")
        && e.getMessage().contains("value choice 'width'") && e.getMessage().contains("fix it to one value"), e.getMessage());
  }

  @Test
  void theStackedCellSpaceTrainsAsASupernetAndItsDerivedArchitectureCompilesAlone() throws Exception {
    Path mnist = Path.of("..", "..", "shared", "data", "mnist");
    if (!Files.isRegularFile(mnist.resolve(MnistData.IMAGES))) {
      mnist = NniHubSpacesTest.writeBars(dir.resolve("bars"), 600);
    }
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    DartsSupernet.Report r = DartsSupernet.run(MnistData.load(mnist), 4, 8, 8, new PrintStream(progress, true, StandardCharsets.UTF_8));
    assertEquals(4, r.steps());
    assertTrue(r.supernetNodes() > 1500, "nodes: " + r.supernetNodes());
    // Every choice of the space is decided: the two stages' normal cells, the reduction cells, the depth.
    assertTrue(r.derived().decisions().keySet().containsAll(java.util.List.of("width", "depth", "reduce.op_2_0", "reduce.input_2_0")),
        r.derived().toJson());
    assertTrue(r.derivedSourceChars() > 0);
    assertTrue(progress.toString(StandardCharsets.UTF_8).contains("step 4 of 4"), progress.toString(StandardCharsets.UTF_8));
    assertTrue(r.residentPeakMb() > 0 && r.residentPeakMb() < 8_000, "resident " + r.residentPeakMb() + " MB");
  }
}
