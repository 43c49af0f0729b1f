package dev.jnas.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.ir.Graph;
import dev.jnas.ir.IrException;
import dev.jnas.ir.Node;
import dev.jnas.ir.Sample;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.BatchNorm2dOp;
import dev.jnas.ir.op.DropoutOp;
import dev.jnas.ir.op.LayerNormOp;
import dev.jnas.ir.text.IrParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Values the generated Java (or ONNX) could not hold as written are refused, naming the node and
 * the attribute, never emitted as {@code Infinityf}, a silent zero, or an int literal javac rejects.
 */
class UnwritableValueTest {
  private static final TensorShape IMAGE = TensorShape.batchOf(3, 4, 4);
  private static final String RANGE = " (0, or magnitudes from 1.4E-45 to 3.4028235E38)";

  private static Node bn1(double eps) {
    return new Node("bn1", new BatchNorm2dOp(Expr.of(3), Expr.of(eps), Expr.of(0.1)), List.of("x"));
  }

  /** The node's code, or why codegen refuses it; the node skips graph validation, as a hand-made op would. */
  private static String emitted(Node node) {
    try {
      return OpEmitter.emit(node, node.name(), List.of("x"), List.of(IMAGE), IMAGE).toString();
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  @Test
  void aFrozenGraphCannotHoldAFloatTheGeneratedCodeCouldNotWrite() {
    Graph.Builder g = Graph.builder("G").input("x", IMAGE);
    g.node("bn1", bn1(1e40).op(), "x");
    IrException e = assertThrows(IrException.class, () -> g.output("bn1").build());
    assertEquals("bn1: batchNorm2d attribute 'eps' = 1.0E40 does not fit in a 32-bit float" + RANGE, e.getMessage());
  }

  @Test
  void theCodeEmitterRefusesAFloatItCannotWriteNamingNodeAndAttribute() {
    assertEquals("cannot generate node 'bn1' (batchNorm2d): attribute 'eps' = 1.0E40 does not fit in a 32-bit float" + RANGE,
        emitted(bn1(1e40)));
    assertEquals("cannot generate node 'bn1' (batchNorm2d): attribute 'eps' = -1.0E39 does not fit in a 32-bit float" + RANGE,
        emitted(bn1(-1e39)));
    assertEquals("cannot generate node 'drop' (dropout): attribute 'p' = 1.0E-50 does not fit in a 32-bit float" + RANGE,
        emitted(new Node("drop", new DropoutOp(Expr.of(1e-50)), List.of("x"))));
    assertEquals("cannot generate node 'norm' (layerNorm): attribute 'eps' = 1.0E45 does not fit in a 32-bit float" + RANGE,
        emitted(new Node("norm", new LayerNormOp(Expr.of(List.of(4)), Expr.of(1e45)), List.of("x"))));
    assertTrue(emitted(bn1(1e-5)).contains("optEpsilon(1.0E-5f)"), emitted(bn1(1e-5)));
  }

  @Test
  void theOnnxExporterRefusesAFloatItCannotWriteNamingNodeAndAttribute() {
    OnnxExporter exporter = new OnnxExporter(Map.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> exporter.emit(bn1(1e40)));
    assertEquals("cannot generate node 'bn1' (batchNorm2d): attribute 'eps' = 1.0E40 does not fit in a 32-bit float" + RANGE,
        e.getMessage());
    Node norm = new Node("norm", new LayerNormOp(Expr.of(List.of(4)), Expr.of(1e-50)), List.of("x"));
    assertEquals("cannot generate node 'norm' (layerNorm): attribute 'eps' = 1.0E-50 does not fit in a 32-bit float" + RANGE,
        assertThrows(IllegalArgumentException.class, () -> exporter.emit(norm)).getMessage());
  }

  @Test
  void aSizePastTheIntRangeIsWrittenAsALongLiteralAndCompiles() {
    // 65536 x 65536 flattened is 2^32 per example: a bare 4294967296 does not compile.
    Graph graph = IrParser.parse("graph Wide(x: [N, 65536, 65536]) {\n  flat = flatten(x)\n  return flat\n}\n");
    GeneratedBlock block = BlockGenerator.generate(graph, "Wide", Sample.of(Map.of()));
    assertTrue(block.source().contains("flat = x.reshape(-1, 4294967296L);"), block.source());
    assertTrue(block.source().contains("new Shape(batch, 4294967296L)"), block.source());
    try (InMemoryCompiler compiler = new InMemoryCompiler()) {
      assertEquals(List.of(), compiler.compile(List.of(block)).warnings());
    }
  }
}
