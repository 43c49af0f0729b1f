package dev.jnas.codegen;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.expr.Expr;
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

  @SuppressWarnings("unchecked")
  static List<Integer> ints(Expr e) {
    return (List<Integer>) value(e);
  }
}
