package dev.jnas.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.AbstractBlock;
import dev.jnas.codegen.InMemoryCompiler;
import dev.jnas.engine.ExecutionEngine;
import dev.jnas.engine.Formatter;
import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.Trial;
import dev.jnas.engine.TrialState;
import dev.jnas.runtime.MnistData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tutorial end to end on real MNIST: 2 trials, 1 epoch, 2,000 training images. */
class HelloNasTest {
  @TempDir Path dir;

  @Test
  void twoTrialsLearnMnistAndTheExportedSourceCompilesAgainstDjlAlone() throws Exception {
    Path mnist = Path.of("..", "..", "shared", "data", "mnist");
    Assumptions.assumeTrue(Files.isRegularFile(mnist.resolve(MnistData.IMAGES)),
        "skipped: the MNIST test split is not at ../shared/data/mnist on this clone (CI always has it)");
    Path export = dir.resolve("export");
    NasExperiment exp = HelloNas.run(2, 2, 1, 2000, ExecutionEngine.BASE, 0, export, dir.resolve("experiment"), mnist.toString());
    List<Trial> trials = exp.trials();
    assertEquals(2, trials.size());
    for (Trial t : trials) {
      assertEquals(TrialState.SUCCEEDED, t.state(), t.failure());
      assertTrue(t.finalMetric().getAsDouble() > 0.80, "validation accuracy " + t.finalMetric());
      assertEquals(1, t.intermediate().size(), "one report per epoch");
    }
    assertTrue(Files.readString(export.resolve("top-1.json")).startsWith("{\"conv2\": "));
    Path source;
    try (var files = Files.list(export)) {
      source = files.filter(p -> p.toString().endsWith(".java")).findFirst().orElseThrow();
    }
    // The trained top model: ONNX Runtime agrees with DJL's accuracy to 0.1% on the same images.
    Trial top = trials.stream().max(java.util.Comparator.comparingDouble(t -> t.finalMetric().getAsDouble())).orElseThrow();
    Path onnx = (Path) exp.exportTopModels(1, Formatter.ONNX).get(0);
    MnistData all = MnistData.load(mnist);
    double ort = OnnxInference.accuracy(onnx, top.architecture(), all.slice(all.size() - 2000, all.size()));
    assertEquals(top.finalMetric().getAsDouble(), ort, 0.001, "ONNX Runtime vs DJL accuracy");
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> OnnxInference.accuracy(onnx, "other", all.slice(0, 10)));
    exp.exportTopModels(1, Formatter.CODE);
    try (var files = Files.list(exp.experimentDir().resolve("export"))) {
      assertTrue(files.anyMatch(p -> p.toString().endsWith("-0000.params")), "trained weights next to the exported source");
    }
    Path classes = Files.createDirectories(dir.resolve("classes"));
    assertTrue(Files.isRegularFile(source));
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, new PrintStream(errors, true, StandardCharsets.UTF_8),
        "-classpath", InMemoryCompiler.classPathOf(AbstractBlock.class).get(0).toString(), "-d", classes.toString(), source.toString());
    assertEquals(0, status, errors.toString(StandardCharsets.UTF_8));
  }

  @Test
  void trialsAreRepeatableAtAnyConcurrency() throws Exception {
    Path mnist = Path.of("..", "..", "shared", "data", "mnist");
    Assumptions.assumeTrue(Files.isRegularFile(mnist.resolve(MnistData.IMAGES)),
        "skipped: the MNIST test split is not at ../shared/data/mnist on this clone (CI always has it)");
    List<List<Double>> accuracies = new java.util.ArrayList<>();
    for (int run = 0; run < 2; run++) {
      // Two trials side by side, each in its own worker JVM seeded for its trial: the same seed gives the same results.
      NasExperiment exp = HelloNas.run(2, 2, 1, 500, ExecutionEngine.BASE, 0, null, dir.resolve("run" + run), mnist.toString());
      accuracies.add(exp.trials().stream().map(t -> t.finalMetric().getAsDouble()).toList());
    }
    assertEquals(accuracies.get(0), accuracies.get(1), "same seed, same samples, two at a time: same accuracies");
  }
}
