package dev.jnas.nn;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.List;
import java.util.function.Function;

/** The logistic sigmoid, as PyTorch's {@code nn.Sigmoid}. */
public final class Sigmoid extends Layer {
  @Override
  PrimitiveOp op(Function<Object, Expr> a) {
    return new dev.jnas.ir.op.Sigmoid();
  }

  @Override
  List<String> describe(Function<Object, String> r) {
    return List.of();
  }
}
