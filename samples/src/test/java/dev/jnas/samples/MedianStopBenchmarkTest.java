package dev.jnas.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.runtime.MnistData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The median-stop benchmark measures what docs/evaluators.md says, on a small real run. */
class MedianStopBenchmarkTest {
  @Test
  void theRuleTrainsFewerEpochsAndKeepsTheTrialsItLetsFinish() throws Exception {
    Path mnist = Path.of("..", "..", "shared", "data", "mnist");
    Assumptions.assumeTrue(Files.isRegularFile(mnist.resolve(MnistData.IMAGES)),
        "skipped: the MNIST test split is not at ../shared/data/mnist on this clone (CI always has it)");
    List<MedianStopBenchmark.Run> runs = MedianStopBenchmark.run(MnistData.load(mnist), 12, 3, 300);
    MedianStopBenchmark.Run none = runs.get(0);
    MedianStopBenchmark.Run median = runs.get(1);
    assertEquals(0, none.stopped());
    assertEquals(36, none.epochsTrained(), "12 trials of 3 epochs");
    assertTrue(median.stopped() > 0 && median.epochsTrained() < none.epochsTrained(),
        median.stopped() + " stopped, " + median.epochsTrained() + " epochs");
    // The same proposals and trial seeds: a trial the rule lets finish reaches what it reached without the rule.
    assertTrue(median.best().isPresent());
    double sameTrial = none.trials().get(median.best().get().id() - 1).finalMetric().getAsDouble();
    assertEquals(sameTrial, median.best().get().finalMetric().getAsDouble(), 0.0);
  }
}
