package dev.jnas.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.jnas.engine.cli.Jnas;
import dev.jnas.engine.strategy.GridSearchStrategy;
import dev.jnas.nn.spaces.TutorialSpace;
import dev.jnas.runtime.FunctionalEvaluator;
import dev.jnas.runtime.Nas;
import dev.jnas.worker.TrainedModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports copy only what verifies: the architecture the trial ran, parameters that load, a complete ONNX file. */
class ExportTest {
  @TempDir static Path dir;
  static Path trial;
  static String className;

  @BeforeAll
  static void anExperimentWhoseTrialsKeepTheirModels() {
    NasExperiment exp = new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(models -> {
      Block block = models.newBlock();
      try (NDManager manager = NDManager.newBaseManager()) {
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
        models.saveTrained(block);
      }
      Nas.reportFinalResult(TutorialScore.of(models.sample()));
    }), new GridSearchStrategy()).progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    exp.run(ExperimentConfig.local().trainingService(TrainingServiceKind.IN_PROCESS).experimentName("export").maxTrialNumber(1).inputShape(1, 28, 28).experimentDir(dir));
    trial = exp.trials().get(0).outputDir();
    String source = (String) exp.exportTopModels(1, Formatter.CODE).get(0);
    className = source.lines().filter(l -> l.startsWith("public final class ")).findFirst().orElseThrow().split(" ")[3];
  }

  static String[] jnas(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Jnas.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void verifiedModelsAreExportedAsCodeWithParamsAndAsOnnx() throws Exception {
    assertTrue(Files.isRegularFile(dir.resolve("export").resolve(className + "-0000.params")));
    String[] onnx = jnas("export", dir.toString(), "--format", "onnx");
    assertEquals("0", onnx[0], onnx[2]);
    assertEquals(Files.size(trial.resolve(TrainedModels.ONNX)), Files.size(Path.of(onnx[1].trim())));
    String[] code = jnas("export", dir.toString(), "--format", "code");
    assertEquals("0", code[0], code[2]);
    assertEquals(dir.resolve("export").resolve(className + ".java").toString(), code[1].trim());
  }

  @Test
  void aTruncatedModelIsRefusedAndNothingIsCopied() throws Exception {
    Path copy = dir.resolveSibling(dir.getFileName() + "-truncated");
    ExperimentFiles.copy(dir, copy);
    Files.walk(copy.resolve("export")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    Path copiedTrial = copy.resolve("trials").resolve("1");
    for (String file : List.of(TrainedModels.PARAMS, TrainedModels.ONNX)) {
      byte[] whole = Files.readAllBytes(copiedTrial.resolve(file));
      Files.write(copiedTrial.resolve(file), java.util.Arrays.copyOf(whole, whole.length * 2 / 3));
    }
    String[] code = jnas("export", copy.toString(), "--format", "code");
    assertEquals("1", code[0]);
    assertTrue(code[2].contains("trial 1's trained parameters") && code[2].contains("are damaged"), code[2]);
    String[] onnx = jnas("export", copy.toString(), "--format", "onnx");
    assertEquals("1", onnx[0]);
    assertTrue(onnx[2].contains("trial 1's ONNX model") && onnx[2].contains("so it is not exported"), onnx[2]);
    try (var exported = Files.list(copy.resolve("export"))) {
      assertEquals(List.of(), exported.toList(), "nothing was copied");
    }
    assertFalse(Files.exists(copy.resolve("export").resolve(className + "-0000.params")));
  }

  @Test
  void aModelOfAnotherArchitectureIsRefused() throws Exception {
    Path copy = dir.resolveSibling(dir.getFileName() + "-foreign");
    ExperimentFiles.copy(dir, copy);
    ExperimentFiles.sql(copy, "UPDATE trial SET architecture = 'ab12' WHERE id = 1");
    String[] code = jnas("export", copy.toString(), "--format", "code");
    assertEquals("1", code[0]);
    assertTrue(code[2].contains("trial 1 ran architecture ab12, but its sample now generates"), code[2]);
  }
}
