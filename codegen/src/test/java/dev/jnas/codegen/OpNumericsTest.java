package dev.jnas.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import dev.jnas.ir.Analysis;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Sample;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.text.IrParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every op of the vocabulary, generated as a one-node block: its output has the IR's predicted
 * shape, and its numbers match the same computation written directly against DJL with the
 * block's own weights.
 */
class OpNumericsTest {
  private static NDManager manager;
  private static InMemoryCompiler compiler;

  @BeforeAll
  static void start() {
    manager = NDManager.newBaseManager();
    compiler = new InMemoryCompiler();
  }

  @AfterAll
  static void stop() {
    manager.close();
    compiler.close();
  }

  /** Input x (and z when the op takes two) of these shapes, direct computation from inputs and weights. */
  private record Case(String op, long[] x, long[] z, BiFunction<List<NDArray>, List<NDArray>, NDArray> direct) {}

  private static long[] s(long... dims) {
    return dims;
  }

  private static ai.djl.ndarray.types.Shape djl(long... dims) {
    return new ai.djl.ndarray.types.Shape(dims);
  }

  static Stream<Arguments> ops() {
    List<Case> cases = List.of(
        new Case("conv2d(x, in=3, out=4, kernel=3, stride=2, padding=1, dilation=1, groups=1, bias=true)", s(2, 3, 9, 9), null,
            (in, w) -> Conv2d.conv2d(in.get(0), w.get(0), w.get(1), djl(2, 2), djl(1, 1), djl(1, 1), 1).singletonOrThrow()),
        new Case("conv2d(x, in=4, out=4, kernel=3, stride=1, padding=0, dilation=2, groups=2, bias=false)", s(2, 4, 9, 9), null,
            (in, w) -> Conv2d.conv2d(in.get(0), w.get(0), null, djl(1, 1), djl(0, 0), djl(2, 2), 2).singletonOrThrow()),
        new Case("conv2d(x, in=\"auto\", out=2, kernel=1, stride=1, padding=0, dilation=1, groups=1, bias=true)", s(2, 5, 3, 3), null,
            (in, w) -> Conv2d.conv2d(in.get(0), w.get(0), w.get(1)).singletonOrThrow()),
        new Case("linear(x, in=6, out=3, bias=true)", s(2, 6), null,
            (in, w) -> Linear.linear(in.get(0), w.get(0), w.get(1)).singletonOrThrow()),
        new Case("linear(x, in=6, out=3, bias=false)", s(2, 5, 6), null,
            (in, w) -> Linear.linear(in.get(0), w.get(0)).singletonOrThrow()),
        new Case("dropout(x, p=0.5)", s(2, 8), null, (in, w) -> in.get(0)),
        new Case("batchNorm2d(x, features=3, eps=1.0E-5, momentum=0.1)", s(2, 3, 4, 4), null,
            (in, w) -> BatchNorm.batchNorm(in.get(0), w.get(2), w.get(3), w.get(0), w.get(1), 1, 0.9f, 1e-5f, false).singletonOrThrow()),
        new Case("layerNorm(x, shape=[4, 5], eps=1.0E-5)", s(2, 3, 4, 5), null,
            (in, w) -> LayerNorm.layerNorm(in.get(0), djl(4, 5), w.get(0), w.get(1), 1e-5f).singletonOrThrow()),
        new Case("relu(x)", s(2, 7), null, (in, w) -> in.get(0).maximum(0)),
        new Case("relu6(x)", s(2, 7), null, (in, w) -> in.get(0).maximum(0).minimum(6)),
        new Case("sigmoid(x)", s(2, 7), null, (in, w) -> in.get(0).neg().exp().add(1).pow(-1)),
        new Case("tanh(x)", s(2, 7), null, (in, w) -> in.get(0).tanh()),
        new Case("gelu(x)", s(2, 7), null, (in, w) -> in.get(0).mul(in.get(0).div(Math.sqrt(2)).erf().add(1)).mul(0.5)),
        new Case("swish(x)", s(2, 7), null, (in, w) -> in.get(0).mul(Activation.sigmoid(in.get(0)))),
        new Case("maxPool2d(x, kernel=3, stride=2, padding=1)", s(2, 3, 7, 7), null,
            (in, w) -> Pool.maxPool2d(in.get(0), djl(3, 3), djl(2, 2), djl(1, 1), false)),
        new Case("avgPool2d(x, kernel=2, stride=2, padding=0)", s(2, 3, 6, 6), null,
            (in, w) -> in.get(0).reshape(2, 3, 3, 2, 3, 2).mean(new int[] {5}).mean(new int[] {3})),
        new Case("adaptiveAvgPool2d(x)", s(2, 3, 5, 5), null, (in, w) -> in.get(0).mean(new int[] {3}, true).mean(new int[] {2}, true)),
        new Case("flatten(x, startDim=2)", s(2, 3, 4, 5), null, (in, w) -> in.get(0).reshape(2, 3, 20)),
        new Case("reshape(x, dims=[-1, 6])", s(2, 3, 4), null, (in, w) -> in.get(0).reshape(2, 2, 6)),
        new Case("logSoftmax(x, dim=1)", s(2, 5), null, (in, w) -> in.get(0).sub(in.get(0).exp().sum(new int[] {1}, true).log())),
        new Case("softmax(x, dim=-1)", s(2, 5), null, (in, w) -> in.get(0).exp().div(in.get(0).exp().sum(new int[] {1}, true))),
        new Case("add(x, z)", s(2, 3, 4, 4), s(2, 3, 1, 1), (in, w) -> in.get(0).add(in.get(1))),
        new Case("mul(x, z)", s(2, 3, 4, 4), s(2, 3, 4, 4), (in, w) -> in.get(0).mul(in.get(1))),
        new Case("average(x, z)", s(2, 6), s(2, 6), (in, w) -> in.get(0).add(in.get(1)).div(2)),
        new Case("cat(x, z, dim=1)", s(2, 3, 4), s(2, 2, 4), (in, w) -> NDArrays.concat(new NDList(in.get(0), in.get(1)), 1)),
        new Case("mean(x, dims=[1, 2], keepDim=false)", s(2, 3, 4), null, (in, w) -> in.get(0).mean(new int[] {2}).mean(new int[] {1})),
        new Case("sum(x, dims=[-1], keepDim=true)", s(2, 3, 4), null, (in, w) -> in.get(0).sum(new int[] {2}, true)),
        new Case("identity(x)", s(2, 3), null, (in, w) -> in.get(0)),
        new Case("zero(x)", s(2, 3), null, (in, w) -> in.get(0).zerosLike()),
        new Case("conv1d(x, in=3, out=4, kernel=3, stride=2, padding=1, dilation=1, groups=1, bias=true)", s(2, 3, 9), null,
            (in, w) -> ai.djl.nn.convolutional.Conv1d.conv1d(in.get(0), w.get(0), w.get(1), djl(2), djl(1), djl(1), 1).singletonOrThrow()),
        new Case("batchNorm1d(x, features=3, eps=1.0E-5, momentum=0.1)", s(2, 3, 5), null,
            (in, w) -> BatchNorm.batchNorm(in.get(0), w.get(2), w.get(3), w.get(0), w.get(1), 1, 0.9f, 1e-5f, false).singletonOrThrow()),
        new Case("matMul(x, z)", s(2, 3, 4), s(2, 4, 5), (in, w) -> in.get(0).matMul(in.get(1))),
        new Case("permute(x, dims=[0, 2, -1, 1])", s(2, 3, 4, 5), null, (in, w) -> in.get(0).transpose(0, 2, 3, 1)),
        new Case("slice(x, dim=1, start=-8, end=100, step=3)", s(2, 10, 3), null,
            (in, w) -> NDArrays.concat(new NDList(in.get(0).get(":, 2:3"), in.get(0).get(":, 5:6"), in.get(0).get(":, 8:9")), 1)),
        new Case("addScalar(x, value=-1.5)", s(2, 7), null, (in, w) -> in.get(0).sub(1.5)),
        new Case("mulScalar(x, value=0.25)", s(2, 7), null, (in, w) -> in.get(0).div(4)),
        new Case("powScalar(x, value=2)", s(2, 7), null, (in, w) -> in.get(0).mul(in.get(0))),
        new Case("multiHeadAttention(x, embed=4, heads=1)", s(2, 3, 4), null, (in, w) -> {
          // One head: softmax(Q K^T / 2) V, projected; weights in DJL's order key, query, value, result.
          NDArray x = in.get(0);
          NDArray k = Linear.linear(x, w.get(0), w.get(1)).singletonOrThrow();
          NDArray q = Linear.linear(x, w.get(2), w.get(3)).singletonOrThrow();
          NDArray v = Linear.linear(x, w.get(4), w.get(5)).singletonOrThrow();
          NDArray p = q.matMul(k.transpose(0, 2, 1)).div(2).softmax(2);
          return Linear.linear(p.matMul(v), w.get(6), w.get(7)).singletonOrThrow();
        }));
    return cases.stream().map(c -> Arguments.of(c.op(), c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ops")
  void generatedOpHasTheIrShapeAndDjlNumbers(String op, Case c) throws Exception {
    String inputs = "x: " + shape(c.x()) + (c.z() == null ? "" : ", z: " + shape(c.z()));
    Graph graph = IrParser.parse("graph Op(" + inputs + ") {\n  y = " + op + "\n  return y\n}\n");
    GeneratedBlock block = BlockGenerator.generate(graph, "Op", Sample.of(Map.of()));
    AbstractBlock net = compiler.compile(block).getDeclaredConstructor().newInstance();
    List<ai.djl.ndarray.types.Shape> shapes = new ArrayList<>(List.of(djl(c.x())));
    if (c.z() != null) {
      shapes.add(djl(c.z()));
    }
    net.initialize(manager, DataType.FLOAT32, shapes.toArray(new ai.djl.ndarray.types.Shape[0]));
    manager.getEngine().setRandomSeed(7);
    List<NDArray> in = new ArrayList<>();
    for (ai.djl.ndarray.types.Shape shape : shapes) {
      in.add(manager.randomNormal(shape));
    }
    NDArray actual = net.forward(new ParameterStore(manager, false), new NDList(in), false).singletonOrThrow();
    TensorShape predicted = Analysis.of(graph).outputs().get(0);
    assertArrayEquals(predicted.dims().stream().mapToLong(Long::longValue).toArray(), actual.getShape().getShape());
    List<NDArray> weights = net.getParameters().values().stream().map(Parameter::getArray).toList();
    NDArray expected = c.direct().apply(in, weights);
    assertEquals(expected.getShape(), actual.getShape());
    float[] a = actual.toFloatArray();
    float[] e = expected.toFloatArray();
    for (int i = 0; i < a.length; i++) {
      assertEquals(e[i], a[i], 1e-4 + 1e-4 * Math.abs(e[i]), "element " + i);
    }
  }

  private static String shape(long[] dims) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < dims.length; i++) {
      out.append(i == 0 ? "" : ", ").append(dims[i]);
    }
    return out.append(']').toString();
  }
}
