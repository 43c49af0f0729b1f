package dev.jnas.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.BatchNorm2dOp;
import dev.jnas.ir.op.Float32;
import dev.jnas.ir.op.OpRegistry;
import dev.jnas.ir.op.PrimitiveOp;
import dev.jnas.ir.text.IrParseException;
import dev.jnas.ir.text.IrParser;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpVocabularyTest {
  @Test
  void theVocabularyIsTheIssuesList() {
    assertEquals(new TreeSet<>(Set.of(
            "conv2d", "linear", "dropout", "batchNorm2d", "layerNorm", "relu", "relu6", "sigmoid",
            "tanh", "gelu", "swish", "maxPool2d", "avgPool2d", "adaptiveAvgPool2d", "flatten",
            "reshape", "logSoftmax", "softmax", "add", "mul", "average", "cat", "mean", "sum", "identity", "zero",
            "conv1d", "convTranspose2d", "batchNorm1d", "embedding", "lstm", "gru", "multiHeadAttention", "matMul",
            "permute", "slice", "addScalar", "mulScalar", "powScalar", "userBlock")),
        new TreeSet<>(OpRegistry.kinds()));
  }

  @Test
  void theEveryOpGoldenUsesEveryOp() {
    Graph g = IrParser.parse(Goldens.text("every-op"));
    Set<String> used = new TreeSet<>();
    g.nodes().forEach(n -> used.add(n.op().kind()));
    Set<String> all = new TreeSet<>(OpRegistry.kinds());
    all.remove("userBlock"); // its shape comes from DJL, which ir's tests do not have: codegen's UserBlockTest
    assertEquals(all, used);
  }

  @Test
  void aUserBlockWithoutItsLibrarySaysWhatToAdd() {
    IrParseException e = assertThrows(IrParseException.class, () -> IrParser.parse(
        "graph G(x: [N, 4]) {\n  b = userBlock(x, type=\"com.example.Block\", args=[4])\n  return b\n}\n"));
    assertTrue(e.getMessage().contains("user block com.example.Block comes from its library") && e.getMessage().contains("jnas-codegen"),
        e.getMessage());
  }

  /** One node {@code y = op} on input x of {@code shape}; its output shape or the parse error. */
  private static String apply(String shape, String op) {
    String text = "graph G(x: " + shape + ", z: [N, 4, 6, 6]) {\n  y = " + op + "\n  return y\n}\n";
    try {
      return Analysis.of(IrParser.parse(text)).outputs().get(0).toString();
    } catch (IrParseException e) {
      return e.reason();
    }
  }

  @ParameterizedTest(name = "{1} on {0}")
  @CsvSource(delimiter = '|', value = {
      "[N, 3, 32, 32] | conv2d(x, in=3, out=8, kernel=5, stride=2, padding=2) | [N, 8, 16, 16]",
      "[N, 3, 32, 32] | conv2d(x, in=3, out=8, kernel=3, dilation=2) | [N, 8, 28, 28]",
      "[N, 4, 8, 8] | conv2d(x, in=4, out=8, kernel=1, groups=4) | [N, 8, 8, 8]",
      "[N, 3, 8, 8] | conv2d(x, in=4, out=8, kernel=1) | conv2d expects 4 input channels (in=4), got input [N, 3, 8, 8]",
      "[N, 3, 8] | conv2d(x, in=3, out=8, kernel=1) | conv2d expects a rank-4 input (N, C, H, W), got [N, 3, 8]",
      "[N, 4, 8, 8] | conv2d(x, in=4, out=6, kernel=1, groups=4) | groups=4 must divide in=4 and out=6",
      "[N, 4, 2, 2] | conv2d(x, in=4, out=4, kernel=3) | window of 3 with padding 0 does not fit a spatial size of 2",
      "[N, 4, 8, 8] | conv2d(x, in=4, out=4, kernel=0) | attribute 'kernel' must be at least 1, got 0",
      "[N, 7] | linear(x, in=7, out=3) | [N, 3]",
      "[N, 7] | linear(x, in=\"auto\", out=3) | [N, 3]",
      "[N, 3, 8, 8] | conv2d(x, in=\"auto\", out=4, kernel=1) | [N, 4, 8, 8]",
      "[N, 3, 8, 8] | batchNorm2d(x, features=\"auto\") | [N, 3, 8, 8]",
      "[N, 3, 8, 8] | conv2d(x, in=\"wide\", out=4, kernel=1) | attribute 'in' must be an int, got string \"wide\"",
      "[N, 5, 7] | linear(x, in=7, out=3, bias=false) | [N, 5, 3]",
      "[N, 8] | linear(x, in=7, out=3) | expects last dimension 7 (in=7), got input [N, 8]",
      "[N, 8] | dropout(x, p=-0.1) | attribute 'p' must be in [0, 1), got -0.1",
      "[N, 8] | dropout(x) | [N, 8]",
      "[N, 8] | dropout(x, p=0.99999999999) | attribute 'p' must be in [0, 1), got 0.99999999999, which a 32-bit float rounds to 1",
      "[N, 8] | dropout(x, p=1.0E-50) | attribute 'p' = 1.0E-50 does not fit in a 32-bit float (0, or magnitudes from 1.4E-45 to 3.4028235E38)",
      "[N, 8] | dropout(x, p=0) | [N, 8]",
      "[N, 4, 6, 6] | batchNorm2d(x, features=4, eps=1.0E40) | batchNorm2d attribute 'eps' = 1.0E40 does not fit in a 32-bit float",
      "[N, 4, 6, 6] | batchNorm2d(x, features=4, eps=1.0E-50) | attribute 'eps' = 1.0E-50 does not fit in a 32-bit float",
      "[N, 4, 6, 6] | batchNorm2d(x, features=4, eps=1.0E-40) | [N, 4, 6, 6]",
      "[N, 4, 6, 6] | batchNorm2d(x, features=4, eps=3.0E38) | [N, 4, 6, 6]",
      "[N, 4, 6, 6] | batchNorm2d(x, features=4, momentum=1.0E-46) | attribute 'momentum' = 1.0E-46 does not fit in a 32-bit float",
      "[N, 5, 6] | layerNorm(x, shape=[6], eps=-1.0E39) | attribute 'eps' = -1.0E39 does not fit in a 32-bit float",
      "[N, 4, 6, 6] | batchNorm2d(x, features=4) | [N, 4, 6, 6]",
      "[N, 4, 6, 6] | batchNorm2d(x, features=3) | expects 3 channels (features=3), got input [N, 4, 6, 6]",
      "[N, 5, 6] | layerNorm(x, shape=[5, 6]) | [N, 5, 6]",
      "[N, 5, 6] | layerNorm(x, shape=[5]) | normalises trailing dimensions [5], got input [N, 5, 6]",
      "[N, 5, 6] | relu6(x) | [N, 5, 6]",
      "[N, 3, 9] | conv1d(x, in=3, out=4, kernel=3, stride=2, padding=1) | [N, 4, 5]",
      "[N, 3, 9, 9] | conv1d(x, in=3, out=4, kernel=3) | conv1d expects a rank-3 input (N, C, L), got [N, 3, 9, 9]",
      "[N, 3, 4, 4] | convTranspose2d(x, in=3, out=2, kernel=3, stride=2, padding=1, outputPadding=1) | [N, 2, 8, 8]",
      "[N, 3, 4, 4] | convTranspose2d(x, in=3, out=2, kernel=3, stride=2, outputPadding=2) | attribute 'outputPadding' 2 must be smaller than stride 2",
      "[N, 3, 4, 4] | convTranspose2d(x, in=3, out=2, kernel=2, padding=2) | attribute 'padding' 2 must be at most kernel - 1 = 1",
      "[N, 3] | batchNorm1d(x, features=3) | [N, 3]",
      "[N, 3, 4, 4] | batchNorm1d(x, features=3) | batchNorm1d expects an input (N, C) or (N, C, L), got [N, 3, 4, 4]",
      "[N, 7] | embedding(x, count=10, dim=4) | [N, 7, 4]",
      "[N, 5, 6] | lstm(x, in=6, hidden=8) | [N, 5, 8]",
      "[N, 5, 6] | gru(x, in=\"auto\", hidden=8, sequence=false) | [N, 8]",
      "[N, 5, 6] | lstm(x, in=4, hidden=8) | lstm expects 4 features per step (in=4), got input [N, 5, 6]",
      "[N, 5, 8] | multiHeadAttention(x, embed=8, heads=3) | heads=3 must divide embed=8",
      "[N, 5, 8] | multiHeadAttention(x, embed=8, heads=4) | [N, 5, 8]",
      "[N, 3, 4] | matMul(x, x) | inner dimensions differ: [N, 3, 4] times [N, 3, 4]",
      "[N, 3, 4] | permute(x, dims=[0, 2, 1]) | [N, 4, 3]",
      "[N, 3, 4] | permute(x, dims=[1, 0, 2]) | attribute 'dims' [1, 0, 2] must keep the batch dimension first",
      "[N, 3, 4] | permute(x, dims=[0, 1, 1]) | attribute 'dims' [0, 1, 1] must be a permutation of the dimensions of input [N, 3, 4]",
      "[N, 10, 3] | slice(x, dim=1, start=-3, end=100) | [N, 3, 3]",
      "[N, 10, 3] | slice(x, dim=1, start=2, end=9, step=3) | [N, 3, 3]",
      "[N, 10, 3] | slice(x, dim=1, start=5, end=2) | slice 5:5 of dimension 1 of input [N, 10, 3] is empty",
      "[N, 10, 3] | slice(x, dim=0, start=0, end=1) | dim 0 must name a non-batch dimension of input [N, 10, 3]",
      "[N, 7] | addScalar(x, value=1) | [N, 7]",
      "[N, 7] | powScalar(x, value=\"two\") | attribute 'value' must be a number, got string \"two\"",
      "[N, 4, 7, 7] | maxPool2d(x, kernel=2, stride=2) | [N, 4, 3, 3]",
      "[N, 4, 7, 7] | avgPool2d(x, kernel=3, stride=1, padding=1) | [N, 4, 7, 7]",
      "[N, 4, 7, 7] | maxPool2d(x, kernel=2, stride=2, padding=2) | padding 2 must be at most half the kernel 2",
      "[N, 4, 7, 7] | adaptiveAvgPool2d(x) | [N, 4, 1, 1]",
      "[N, 4, 7] | adaptiveAvgPool2d(x) | adaptiveAvgPool2d expects a rank-4 input (N, C, H, W), got [N, 4, 7]",
      "[N, 4, 7, 7] | flatten(x, startDim=2) | [N, 4, 49]",
      "[N, 4, 7, 7] | flatten(x, startDim=0) | startDim 0 must name a non-batch dimension of input [N, 4, 7, 7]",
      "[N, 4, 6, 6] | reshape(x, dims=[-1, 9]) | [N, 16, 9]",
      "[N, 4, 6, 6] | reshape(x, dims=[5, -1]) | cannot reshape input [N, 4, 6, 6] (144 per example) to [5, -1]",
      "[N, 4, 6, 6] | reshape(x, dims=[-1, -1]) | may hold one -1",
      "[N, 10] | logSoftmax(x, dim=2) | dim 2 is out of range for input [N, 10]",
      "[N, 10] | softmax(x, dim=-1) | [N, 10]",
      "[N, 4, 6, 6] | add(x, z) | [N, 4, 6, 6]",
      "[N, 4, 1, 1] | mul(x, z) | [N, 4, 6, 6]",
      "[N, 4, 6, 6] | average(x, z) | [N, 4, 6, 6]",
      "[N, 3, 6, 6] | add(x, z) | do not broadcast together",
      "[N, 2, 6, 6] | cat(x, z, dim=1) | [N, 6, 6, 6]",
      "[N, 2, 5, 6] | cat(x, z, dim=1) | differ outside dim 1",
      "[N, 2, 6, 6] | cat(x, z, dim=0) | dim 0 must name a non-batch dimension",
      "[N, 4, 6, 6] | mean(x, dims=[-1, 2]) | [N, 4]",
      "[N, 4, 6, 6] | sum(x, dims=[1], keepDim=true) | [N, 1, 6, 6]",
      "[N, 4, 6, 6] | sum(x, dims=[2, -2]) | names dimension 2 twice",
      "[N, 4, 6, 6] | mean(x, dims=[]) | must list at least one dimension",
      "[N, 4, 6, 6] | identity(x) | [N, 4, 6, 6]",
      "[N, 4, 6, 6] | zero(x) | [N, 4, 6, 6]",
      "[N, 4, 6, 6] | identity(x, z) | identity takes 1 input, got 2",
      "[N, 4, 6, 6] | relu(x, p=1) | relu has no attribute 'p'; expected none",
  })
  void shapeRules(String shape, String op, String expected) {
    String actual = apply(shape, op);
    assertTrue(actual.contains(expected), () -> "expected '" + expected + "' in '" + actual + "'");
  }

  @Test
  void aNumberAttributeFitsAFloatExactlyWhenAJavaFloatLiteralWould() {
    for (double fits : new double[] {0, -0.0, 1e-5, 0.1, -2.5, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, 1e-40}) {
      assertTrue(Float32.fits(fits), () -> fits + " fits");
      assertEquals((float) fits, Float32.narrow(fits, "eps"));
    }
    for (double not : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e40, -1e40, 1e-50, -1e-46,
        Double.MAX_VALUE, Double.MIN_VALUE}) {
      assertFalse(Float32.fits(not), () -> not + " does not fit");
    }
    assertEquals("attribute 'eps' = 1.0E40 does not fit in a 32-bit float (0, or magnitudes from 1.4E-45 to 3.4028235E38)",
        assertThrows(IrException.class, () -> Float32.narrow(1e40, "eps")).getMessage());
  }

  @Test
  void aGraphCannotBeBuiltWithAFloatAttributeAFloatCannotHold() {
    Graph.Builder g = Graph.builder("G").input("x", TensorShape.batchOf(3, 4, 4));
    g.node("bn1", new BatchNorm2dOp(Expr.of(3), Expr.of(1e40), Expr.of(0.1)), "x");
    IrException e = assertThrows(IrException.class, () -> g.output("bn1").build());
    assertEquals(java.util.List.of("bn1"), e.path());
    assertTrue(e.getMessage().startsWith("bn1: batchNorm2d attribute 'eps' = 1.0E40 does not fit in a 32-bit float"), e.getMessage());
    IrParseException parsed = assertThrows(IrParseException.class,
        () -> IrParser.parse("graph G(x: [N, 3, 4, 4]) {\n  bn1 = batchNorm2d(x, features=3, eps=1.0E40)\n  return bn1\n}\n"));
    assertEquals(2, parsed.line(), parsed.getMessage());
    assertTrue(parsed.reason().contains("bn1: batchNorm2d attribute 'eps' = 1.0E40 does not fit in a 32-bit float"), parsed.getMessage());
  }

  @Test
  void everyPrimitiveOpRoundTripsThroughItsAttributes() {
    Graph g = IrParser.parse(Goldens.text("every-op"));
    for (Node n : g.nodes()) {
      var op = (PrimitiveOp) n.op();
      assertEquals(op, OpRegistry.create(op.kind(), op.attributes()));
      assertEquals(OpRegistry.attributeNames(op.kind()), java.util.List.copyOf(op.attributes().keySet()));
    }
    assertThrows(IrException.class, () -> OpRegistry.create("conv3d", java.util.Map.of()));
  }
}
