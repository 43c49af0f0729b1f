package dev.jnas.codegen;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.IrException;
import dev.jnas.ir.Node;
import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.Float32;
import java.util.List;

/** Reads the literal attributes of a frozen op, for the code and ONNX emitters. */
final class FrozenAttrs {
  private FrozenAttrs() {}

  static Object value(Expr e) {
    return e.evaluate(Decisions.NONE);
  }

  static int i(Expr e) {
    return (Integer) value(e);
  }

  static boolean b(Expr e) {
    return (Boolean) value(e);
  }

  static double d(Expr e) {
    return ((Number) value(e)).doubleValue();
  }

  /**
   * A number attribute narrowed to the float that generated code and ONNX hold. A validated graph
   * never fails here (op shape rules apply the same {@link Float32} rule); the check stands where
   * the narrowing happens so that no emitter can write {@code Infinityf} or a silent zero.
   */
  static float float32(Node node, String attribute, Expr e) {
    return float32(node, attribute, d(e));
  }

  /** {@code value}, computed from {@code attribute} of {@code node}, as a float; refused as {@link #float32(Node, String, Expr)}. */
  static float float32(Node node, String attribute, double value) {
    try {
      return Float32.narrow(value, attribute);
    } catch (IrException e) {
      throw new IllegalArgumentException("cannot generate node '" + node.name() + "' (" + node.op().kind() + "): " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  static List<Integer> ints(Expr e) {
    return (List<Integer>) value(e);
  }
}
