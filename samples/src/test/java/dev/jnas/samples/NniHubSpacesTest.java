package dev.jnas.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.engine.ExecutionEngine;
import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.TrainingServiceKind;
import dev.jnas.engine.Trial;
import dev.jnas.engine.TrialState;
import dev.jnas.engine.strategy.RandomStrategy;
import dev.jnas.ir.Choice;
import dev.jnas.ir.SearchSpace;
import dev.jnas.ir.TensorShape;
import dev.jnas.nn.NasModule;
import dev.jnas.nn.Tracer;
import dev.jnas.runtime.ClassificationEvaluator;
import dev.jnas.runtime.MnistData;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NNI's hub spaces as samples: NAS-Bench-201 and DARTS trace, count exactly and train on both engines. */
class NniHubSpacesTest {
  private static final TensorShape MNIST = TensorShape.batchOf(1, 28, 28);

  @TempDir static Path dir;
  private static MnistData train;
  private static MnistData validation;

  /** 256 training and 256 validation images: real MNIST when this clone has it, else generated digits. */
  @BeforeAll
  static void data() throws IOException {
    Path mnist = Path.of("..", "..", "shared", "data", "mnist");
    if (!Files.isRegularFile(mnist.resolve(MnistData.IMAGES))) {
      System.out.println("NniHubSpacesTest: no MNIST at ../shared/data/mnist; training on 512 generated images instead");
      mnist = writeBars(dir.resolve("bars"), 512);
    }
    MnistData all = MnistData.load(mnist);
    train = all.slice(0, 256);
    validation = all.slice(all.size() - 256, all.size());
  }

  @Test
  void nasBench201HasExactly15625Architectures() {
    SearchSpace space = Tracer.trace(new NasBench201Space(), MNIST).searchSpace();
    assertEquals(BigInteger.valueOf(15_625), space.count());
    // The three stacked cells share the 6 edge labels: 6 decisions of 5 ops, 5^6.
    assertEquals(Map.of("0_1", NasBench201Space.OPS, "0_2", NasBench201Space.OPS, "1_2", NasBench201Space.OPS,
        "0_3", NasBench201Space.OPS, "1_3", NasBench201Space.OPS, "2_3", NasBench201Space.OPS), candidates(space));
    // The benchmark's own size (16 channels, 5 cells per stage) is the same space.
    assertEquals(BigInteger.valueOf(15_625), Tracer.trace(new NasBench201Space(16, 5), MNIST).searchSpace().count());
  }

  @Test
  void dartsIsCountedByTheCellFormula() {
    SearchSpace space = Tracer.trace(new DartsSpace(), MNIST).searchSpace();
    // A cell node i (counted from the number of predecessors P, as NNI) picks 2 of i inputs with
    // one of 7 ops each: (7i)^2 choices. The normal cell (P = 1, nodes 1..3) has
    // 7^2 * 14^2 * 21^2 = 4,235,364 architectures, and each of the 2 stages has its own (a Cell's
    // labels are its path); the reduction cell (P = 2, nodes 2..4) has 14^2 * 21^2 * 28^2 =
    // 67,765,824, one architecture for both. Times 2 widths and 2 depths (the cells are active at
    // every depth, so depth only multiplies):
    // 2 * 2 * 4,235,364^2 * 67,765,824 = 4,862,416,948,743,034,146,816.
    BigInteger normal = BigInteger.valueOf(7L * 7 * 14 * 14 * 21 * 21);
    BigInteger reduction = BigInteger.valueOf(14L * 14 * 21 * 21 * 28 * 28);
    assertEquals(BigInteger.valueOf(4_235_364), normal);
    assertEquals(BigInteger.valueOf(67_765_824), reduction);
    BigInteger expected = BigInteger.valueOf(4).multiply(normal.pow(2)).multiply(reduction);
    assertEquals(new BigInteger("4862416948743034146816"), expected);
    assertEquals(expected, space.count());
    Map<String, List<Object>> candidates = candidates(space);
    assertEquals(List.of(8, 16), candidates.get("width"));
    assertEquals(List.of(1, 2), candidates.get("depth"));
    assertEquals(DartsSpace.OPS, candidates.get("reduce.op_4_1"));
    assertEquals(4, candidates.get("reduce.input_4_1").size());
  }

  @Test
  void nasBench201TrainsThreeRandomArchitecturesOnBothEngines() throws Exception {
    trainsOnBothEngines("nb201", NasBench201Space::new);
  }

  @Test
  void dartsTrainsThreeRandomArchitecturesOnBothEngines() throws Exception {
    trainsOnBothEngines("darts", DartsSpace::new);
  }

  private void trainsOnBothEngines(String name, Supplier<? extends NasModule> space) throws Exception {
    Map<ExecutionEngine, List<String>> architectures = new java.util.EnumMap<>(ExecutionEngine.class);
    for (ExecutionEngine engine : List.of(ExecutionEngine.PURE, ExecutionEngine.BASE)) {
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      NasExperiment exp = new NasExperiment(space,
          new ClassificationEvaluator(train, validation).epochs(1).batchSize(32).keepModel(true), new RandomStrategy())
          .progress(new PrintStream(log, true, StandardCharsets.UTF_8));
      exp.run(ExperimentConfig.local().trainingService(TrainingServiceKind.IN_PROCESS).experimentName("hub")
          .maxTrialNumber(3).trialConcurrency(1).inputShape(1, 28, 28).seed(7).executionEngine(engine)
          .experimentDir(dir.resolve(name + "-" + engine)));
      List<Trial> trials = exp.trials();
      assertEquals(3, trials.size(), () -> engine + ": " + exp.stopReason() + "\n" + log.toString(StandardCharsets.UTF_8));
      for (Trial t : trials) {
        assertEquals(TrialState.SUCCEEDED, t.state(), () -> engine + " trial " + t.id() + " " + t.sample() + ": " + t.failure());
        double accuracy = t.finalMetric().orElseThrow();
        assertTrue(Double.isFinite(accuracy) && accuracy >= 0 && accuracy <= 1, engine + " accuracy " + accuracy);
        // The trial kept its trained model: ONNX Runtime runs the export to DJL's accuracy (2 images' slack).
        double ort = OnnxInference.accuracy(t.outputDir().resolve("model.onnx"), t.architecture(), validation);
        assertEquals(accuracy, ort, 2.0 / validation.size(), engine + " trial " + t.id() + ": ONNX Runtime vs DJL");
        System.out.printf("%s %s trial %d: accuracy %.3f in %s%n", name, engine, t.id(), accuracy, t.duration());
      }
      architectures.put(engine, trials.stream().map(Trial::architecture).toList());
    }
    // The same seed proposes the same samples, and both engines freeze each to the same IR (its hash).
    assertEquals(architectures.get(ExecutionEngine.PURE), architectures.get(ExecutionEngine.BASE));
  }

  private static Map<String, List<Object>> candidates(SearchSpace space) {
    return space.choices().stream().collect(Collectors.toMap(Choice::label, Choice::candidates));
  }

  /** Gzipped IDX files of {@code n} 28x28 images, each a bright bar on the row its label (0-9) picks. */
  static Path writeBars(Path out, int n) throws IOException {
    Files.createDirectories(out);
    try (DataOutputStream images = idx(Files.newOutputStream(out.resolve(MnistData.IMAGES)), 0x00000803, n);
        DataOutputStream labels = idx(Files.newOutputStream(out.resolve(MnistData.LABELS)), 0x00000801, n)) {
      images.writeInt(28);
      images.writeInt(28);
      for (int i = 0; i < n; i++) {
        int label = i % 10;
        labels.writeByte(label);
        for (int p = 0; p < 28 * 28; p++) {
          images.writeByte(p / 28 / 2 == label + 4 ? 255 : 0);
        }
      }
    }
    return out;
  }

  private static DataOutputStream idx(OutputStream file, int magic, int n) throws IOException {
    DataOutputStream out = new DataOutputStream(new GZIPOutputStream(file));
    out.writeInt(magic);
    out.writeInt(n);
    return out;
  }
}
