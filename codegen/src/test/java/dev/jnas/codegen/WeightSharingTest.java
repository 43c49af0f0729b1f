package dev.jnas.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.jnas.ir.Analysis;
import dev.jnas.ir.Graph;
import dev.jnas.ir.IrException;
import dev.jnas.ir.Sample;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.text.IrParser;
import dev.jnas.mutators.Mutators;
import dev.jnas.nn.Tracer;
import dev.jnas.nn.spaces.TestSpaces.SharedLayers;
import java.nio.FloatBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A layer called twice shares its parameters: in the IR, the generated block, and the ONNX model. */
class WeightSharingTest {
  private static final TensorShape INPUT = TensorShape.batchOf(8, 6, 6);

  @Test
  void aLayerCalledTwiceIsOneSetOfParametersEverywhere() throws Exception {
    Graph space = Tracer.trace(new SharedLayers(), INPUT).graph();
    Sample sample = Mutators.sample(space, Map.of("twice", 0, "kernel", 3));
    Graph frozen = Mutators.freeze(space, sample);
    String text = frozen.toString();
    assertTrue(text.contains("conv_1 = conv2d(relu, in=8, out=8, kernel=3, stride=1, padding=1, dilation=1, groups=1, bias=true, shares=\"conv\")"), text);
    assertTrue(text.contains("shares=\"twice.inner\""), text);
    assertEquals(frozen, IrParser.parse(text));
    long params = 8 * 8 * 9 + 8 + 8 * 8 * 9 + 8; // conv and twice.inner once each
    assertEquals(params, Analysis.of(frozen).params());

    GeneratedBlock block = BlockGenerator.generate(frozen, "SharedLayers", sample);
    try (InMemoryCompiler compiler = new InMemoryCompiler(); NDManager manager = NDManager.newBaseManager()) {
      InMemoryCompiler.Result result = compiler.compile(java.util.List.of(block));
      assertEquals(java.util.List.of(), result.warnings());
      AbstractBlock net = result.classes().get(block.qualifiedName()).getDeclaredConstructor().newInstance();
      ai.djl.ndarray.types.Shape input = new ai.djl.ndarray.types.Shape(2, 8, 6, 6);
      net.initialize(manager, DataType.FLOAT32, input);
      long djlParams = net.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
      assertEquals(params, djlParams);
      for (var p : net.getParameters()) {
        p.getValue().getArray().set(manager.randomUniform(-0.3f, 0.3f, p.getValue().getArray().getShape()).toFloatArray());
      }
      var x = manager.randomNormal(input);
      float[] expected = net.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow().toFloatArray();

      byte[] onnx = OnnxExporter.export(frozen, net, block.architectureHash());
      OrtEnvironment ort = OrtEnvironment.getEnvironment();
      try (OrtSession session = ort.createSession(onnx, new OrtSession.SessionOptions());
          OnnxTensor feed = OnnxTensor.createTensor(ort, FloatBuffer.wrap(x.toFloatArray()), input.getShape());
          OrtSession.Result out = session.run(Map.of("x", feed))) {
        FloatBuffer buffer = ((OnnxTensor) out.get(0)).getFloatBuffer();
        float[] actual = new float[buffer.remaining()];
        buffer.get(actual);
        for (int i = 0; i < actual.length; i++) {
          assertEquals(expected[i], actual[i], 1e-4, "element " + i);
        }
      }
    }
  }

  @Test
  void sharingIsRefusedWhereItCannotMeanOneLayer() {
    IrException later = assertThrows(IrException.class, () -> IrParser.parse(
        "graph G(x: [N, 4]) {\n  a = linear(x, in=4, out=4, shares=\"b\")\n  b = linear(a, in=4, out=4)\n  return b\n}\n"));
    assertTrue(later.getMessage().contains("not an earlier node"), later.getMessage());
    IrException other = assertThrows(IrException.class, () -> IrParser.parse(
        "graph G(x: [N, 4]) {\n  a = linear(x, in=4, out=4)\n  b = linear(a, in=4, out=4, bias=false, shares=\"a\")\n  return b\n}\n"));
    assertTrue(other.getMessage().contains("with other attributes"), other.getMessage());
  }
}
