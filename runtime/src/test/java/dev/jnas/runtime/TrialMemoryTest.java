package dev.jnas.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trials trained one after another in one JVM give their native memory back: Adam's per-parameter
 * state once outlived every trial (DJL detaches it from all managers, and PyTorch tensors are only
 * freed by close), adding twice the model's parameter bytes to the resident set per trial.
 */
class TrialMemoryTest {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final int HIDDEN = 1024;
  /** 784x1024 + 1024 + 1024x10 + 10 floats: about 3.3 MB, so the leak was 6.5 MB a trial. */
  private static final long PARAM_BYTES = 4L * (28 * 28 * HIDDEN + HIDDEN + HIDDEN * 10 + 10);

  @TempDir Path dir;

  @Test
  void fiftyAdamTrialsLeaveTheResidentSetFlat() throws Exception {
    assumeTrue(Files.isReadable(STATUS), "skipped: no " + STATUS + " to read the resident set from on this OS");
    MnistData train = data("train", 3 * 64);
    MnistData validation = data("validation", 64);
    ClassificationEvaluator evaluator = new ClassificationEvaluator(train, validation).batchSize(64);
    Map<Integer, Long> rss = new TreeMap<>();
    for (int trial = 1; trial <= 50; trial++) {
      Nas.runAs(new NasTest.Recorder(), () -> evaluator.evaluate(mlp()));
      if (trial == 10 || trial == 30 || trial == 50) {
        System.gc();
        rss.put(trial, residentBytes());
      }
    }
    long growth = rss.get(50) - rss.get(10);
    // The leak grew 40 trials x 2 x PARAM_BYTES (260 MB); allocator noise stays far below a quarter of that.
    long bound = 40 * 2 * PARAM_BYTES / 4;
    String figures = String.format("RSS after trials 10/30/50: %d/%d/%d MB, growth 10->50 %d MB (bound %d MB; the leaked Adam state alone came to %d MB)",
        mb(rss.get(10)), mb(rss.get(30)), mb(rss.get(50)), mb(growth), mb(bound), mb(40 * 2 * PARAM_BYTES));
    System.out.println(figures);
    assertTrue(growth < bound, figures);
  }

  private MnistData data(String name, int examples) throws IOException {
    Path folder = dir.resolve(name);
    MnistDataTest.write(folder, MnistDataTest.tinyIdx(examples));
    return MnistData.load(folder);
  }

  /** The resident set from the kernel's view, which sees native tensors the JVM does not. */
  private static long residentBytes() throws IOException {
    for (String line : Files.readAllLines(STATUS)) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    throw new IllegalStateException("no VmRSS line in " + STATUS);
  }

  private static long mb(long bytes) {
    return bytes / (1024 * 1024);
  }

  /** A two-layer perceptron with a few MB of parameters, so a per-trial leak of its optimizer state shows. */
  private static RecordingFactory mlp() {
    return new RecordingFactory("mlp-" + HIDDEN, () -> new SequentialBlock()
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(HIDDEN).build())
        .add(Activation.reluBlock())
        .add(Linear.builder().setUnits(10).build())
        .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().logSoftmax(1)))));
  }
}
