package dev.jnas.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Sample;
import dev.jnas.ir.text.IrParser;
import dev.jnas.mutators.Mutators;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every op, and a trained tutorial net, give the same numbers in ONNX Runtime as in DJL. */
class OnnxParityTest {
  private static NDManager manager;
  private static InMemoryCompiler compiler;
  private static OrtEnvironment ort;

  @BeforeAll
  static void start() {
    manager = NDManager.newBaseManager();
    compiler = new InMemoryCompiler();
    ort = OrtEnvironment.getEnvironment();
  }

  @AfterAll
  static void stop() {
    manager.close();
    compiler.close();
  }

  static Stream<Arguments> ops() {
    String[][] cases = {
        {"[2, 3, 9, 9]", null, "conv2d(x, in=3, out=4, kernel=3, stride=2, padding=1, dilation=1, groups=1, bias=true)"},
        {"[2, 4, 9, 9]", null, "conv2d(x, in=4, out=4, kernel=3, stride=1, padding=0, dilation=2, groups=2, bias=false)"},
        {"[2, 6]", null, "linear(x, in=6, out=3, bias=true)"},
        {"[2, 5, 6]", null, "linear(x, in=6, out=3, bias=false)"},
        {"[2, 8]", null, "dropout(x, p=0.5)"},
        {"[2, 3, 4, 4]", null, "batchNorm2d(x, features=3, eps=1.0E-5, momentum=0.1)"},
        {"[2, 3, 4, 5]", null, "layerNorm(x, shape=[4, 5], eps=1.0E-5)"},
        {"[2, 7]", null, "relu(x)"}, {"[2, 7]", null, "relu6(x)"}, {"[2, 7]", null, "sigmoid(x)"}, {"[2, 7]", null, "tanh(x)"},
        {"[2, 7]", null, "gelu(x)"}, {"[2, 7]", null, "swish(x)"},
        {"[2, 3, 7, 7]", null, "maxPool2d(x, kernel=3, stride=2, padding=1)"},
        {"[2, 3, 7, 7]", null, "avgPool2d(x, kernel=3, stride=2, padding=1)"},
        {"[2, 3, 5, 5]", null, "adaptiveAvgPool2d(x)"},
        {"[2, 3, 4, 5]", null, "flatten(x, startDim=2)"},
        {"[2, 3, 4]", null, "reshape(x, dims=[-1, 6])"},
        {"[2, 5]", null, "logSoftmax(x, dim=1)"}, {"[2, 5]", null, "softmax(x, dim=-1)"},
        {"[2, 3, 4, 4]", "[2, 3, 1, 1]", "add(x, z)"}, {"[2, 3, 4, 4]", "[2, 3, 4, 4]", "mul(x, z)"},
        {"[2, 6]", "[2, 6]", "average(x, z)"}, {"[2, 3, 4]", "[2, 2, 4]", "cat(x, z, dim=1)"},
        {"[2, 3, 4]", null, "mean(x, dims=[1, 2], keepDim=false)"}, {"[2, 3, 4]", null, "sum(x, dims=[-1], keepDim=true)"},
        {"[2, 3]", null, "identity(x)"}, {"[2, 3]", null, "zero(x)"},
        {"[2, 5, 3, 3]", null, "conv2d(x, in=\"auto\", out=2, kernel=1, stride=1, padding=0, dilation=1, groups=1, bias=true)"},
        {"[2, 3, 9]", null, "conv1d(x, in=3, out=4, kernel=3, stride=2, padding=1, dilation=1, groups=1, bias=true)"},
        {"[2, 4, 9]", null, "conv1d(x, in=4, out=2, kernel=2, stride=1, padding=0, dilation=2, groups=2, bias=false)"},
        {"[2, 3, 4, 4]", null, "convTranspose2d(x, in=3, out=2, kernel=3, stride=2, padding=1, outputPadding=1, bias=true)"},
        {"[2, 3, 4, 5]", null, "convTranspose2d(x, in=3, out=2, kernel=2, stride=1, padding=0, outputPadding=0, bias=false)"},
        {"[2, 3, 3, 3]", null, "convTranspose2d(x, in=3, out=4, kernel=4, stride=3, padding=2, outputPadding=0, bias=true)"},
        {"[2, 3]", null, "batchNorm1d(x, features=3, eps=1.0E-5, momentum=0.1)"},
        {"[2, 3, 5]", null, "batchNorm1d(x, features=3, eps=1.0E-5, momentum=0.1)"},
        {"[2, 5, 3]", null, "gru(x, in=3, hidden=4, layers=2, sequence=true)"},
        {"[2, 5, 3]", null, "gru(x, in=3, hidden=4, layers=1, sequence=false)"},
        {"[2, 5, 8]", null, "multiHeadAttention(x, embed=8, heads=2)"},
        {"[2, 3, 4]", "[2, 4, 5]", "matMul(x, z)"},
        {"[2, 2, 3, 4]", "[2, 2, 4, 2]", "matMul(x, z)"},
        {"[2, 3, 4, 5]", null, "permute(x, dims=[0, 2, -1, 1])"},
        {"[2, 10, 3]", null, "slice(x, dim=1, start=-8, end=100, step=3)"},
        {"[2, 10, 3]", null, "slice(x, dim=-1, start=1, end=2, step=1)"},
        {"[2, 7]", null, "addScalar(x, value=-1.5)"}, {"[2, 7]", null, "mulScalar(x, value=0.25)"},
        {"[2, 7]", null, "powScalar(x, value=2)"},
    };
    return Stream.of(cases).map(c -> Arguments.of(c[2], c[0], c[1]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ops")
  void everyOpMatchesOnnxRuntime(String op, String x, String z) throws Exception {
    Graph graph = IrParser.parse("graph Op(x: " + x + (z == null ? "" : ", z: " + z) + ") {\n  y = " + op + "\n  return y\n}\n");
    assertParity(graph, Sample.of(Map.of()), 2);
  }

  @Test
  void anEmbeddingLooksUpTheSameRowsInOnnxRuntime() throws Exception {
    // Indices in 0..2 from any input: both DJL and ONNX's Cast truncate toward zero.
    Graph graph = IrParser.parse("graph Op(x: [N, 5]) {\n  p = sigmoid(x)\n  ids = mulScalar(p, value=2.99)\n"
        + "  y = embedding(ids, count=3, dim=4)\n  return y\n}\n");
    assertParity(graph, Sample.of(Map.of()), 2);
  }

  @Test
  void anLstmIsRefusedByNameRatherThanExportedWrong() throws Exception {
    Graph graph = IrParser.parse("graph Op(x: [N, 5, 3]) {\n  rnn = lstm(x, in=3, hidden=4)\n  return rnn\n}\n");
    GeneratedBlock block = BlockGenerator.generate(graph, graph.name(), Sample.of(Map.of()));
    AbstractBlock net = compiler.compile(block).getDeclaredConstructor().newInstance();
    net.initialize(manager, DataType.FLOAT32, new ai.djl.ndarray.types.Shape(2, 5, 3));
    UnsupportedOperationException e = org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
        () -> OnnxExporter.export(graph, net, block.architectureHash()));
    assertTrue(e.getMessage().contains("'rnn' (lstm)"), e.getMessage());
  }

  @Test
  void aTrainedTutorialNetMatchesOnnxRuntime() throws Exception {
    Sample sample = Tutorial.sample(1, 0.25, 64);
    Graph frozen = Mutators.freeze(Tutorial.SPACE, sample);
    GeneratedBlock block = BlockGenerator.generate(frozen, "TutorialSpace", sample);
    AbstractBlock net = compiler.compile(block).getDeclaredConstructor().newInstance();
    NDArray images = manager.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(16, 1, 28, 28));
    NDArray labels = manager.randomInteger(0, 10, new ai.djl.ndarray.types.Shape(16), DataType.INT32).toType(DataType.FLOAT32, false);
    try (ai.djl.Model model = ai.djl.Model.newInstance("tutorial")) {
      model.setBlock(net);
      var config = new ai.djl.training.DefaultTrainingConfig(ai.djl.training.loss.Loss.softmaxCrossEntropyLoss("loss", 1, -1, true, false))
          .optOptimizer(ai.djl.training.optimizer.Optimizer.adam().build());
      try (ai.djl.training.Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new ai.djl.ndarray.types.Shape(16, 1, 28, 28));
        for (int step = 0; step < 20; step++) {
          try (ai.djl.training.GradientCollector collector = trainer.newGradientCollector()) {
            collector.backward(trainer.getLoss().evaluate(new NDList(labels), trainer.forward(new NDList(images))));
          }
          trainer.step();
        }
      }
      compareWithOnnxRuntime(frozen, block, net, List.of(images));
    }
  }

  /** Runs the generated block and its ONNX export on the same random inputs; max |difference| < 1e-4. */
  private static void assertParity(Graph graph, Sample sample, int batch) throws Exception {
    GeneratedBlock block = BlockGenerator.generate(graph, graph.name(), sample);
    AbstractBlock net = compiler.compile(block).getDeclaredConstructor().newInstance();
    List<ai.djl.ndarray.types.Shape> shapes = new ArrayList<>();
    for (var input : graph.inputs()) {
      long[] dims = input.shape().orElseThrow().dims().stream().mapToLong(Long::longValue).toArray();
      dims[0] = batch;
      shapes.add(new ai.djl.ndarray.types.Shape(dims));
    }
    net.initialize(manager, DataType.FLOAT32, shapes.toArray(new ai.djl.ndarray.types.Shape[0]));
    // Give every parameter non-trivial values (batch-norm statistics included), then run inference.
    for (var p : net.getParameters()) {
      NDArray a = p.getValue().getArray();
      a.set(manager.randomUniform(0.5f, 1.5f, a.getShape()).mul(a.getShape().dimension() > 1 ? 0.3f : 1f).toFloatArray());
    }
    List<NDArray> inputs = new ArrayList<>();
    for (var shape : shapes) {
      inputs.add(manager.randomNormal(shape));
    }
    compareWithOnnxRuntime(graph, block, net, inputs);
  }

  private static void compareWithOnnxRuntime(Graph graph, GeneratedBlock block, AbstractBlock net, List<NDArray> inputs) throws Exception {
    float[] expected = net.forward(new ParameterStore(manager, false), new NDList(inputs), false).singletonOrThrow().toFloatArray();

    byte[] onnx = OnnxExporter.export(graph, net, block.architectureHash());
    try (OrtSession session = ort.createSession(onnx, new OrtSession.SessionOptions())) {
      assertEquals(block.architectureHash(), session.getMetadata().getCustomMetadata().get(OnnxExporter.ARCHITECTURE_KEY));
      Map<String, OnnxTensor> feed = new LinkedHashMap<>();
      for (int i = 0; i < inputs.size(); i++) {
        feed.put(graph.inputs().get(i).name(), OnnxTensor.createTensor(ort, FloatBuffer.wrap(inputs.get(i).toFloatArray()),
            inputs.get(i).getShape().getShape()));
      }
      try (OrtSession.Result result = session.run(feed)) {
        OnnxTensor out = (OnnxTensor) result.get(0);
        FloatBuffer buffer = out.getFloatBuffer();
        float[] actual = new float[buffer.remaining()];
        buffer.get(actual);
        assertEquals(expected.length, actual.length);
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
          worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        }
        assertTrue(worst < 1e-4, graph.nodes().get(0).op().kind() + ": max |ORT - DJL| = " + worst);
      } finally {
        feed.values().forEach(OnnxTensor::close);
      }
    }
  }
}
