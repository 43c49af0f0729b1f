package dev.jnas.nn;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.List;
import java.util.function.Function;

/** Zeros shaped like its input: DARTS's "none" candidate. */
public final class Zero extends Layer {
  @Override
  PrimitiveOp op(Function<Object, Expr> a) {
    return new dev.jnas.ir.op.Zero();
  }

  @Override
  List<String> describe(Function<Object, String> r) {
    return List.of();
  }
}
