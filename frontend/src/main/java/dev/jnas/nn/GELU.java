package dev.jnas.nn;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.List;
import java.util.function.Function;

/** The Gaussian error linear unit, as PyTorch's {@code nn.GELU}. */
public final class GELU extends Layer {
  @Override
  PrimitiveOp op(Function<Object, Expr> a) {
    return new dev.jnas.ir.op.Gelu();
  }

  @Override
  List<String> describe(Function<Object, String> r) {
    return List.of();
  }
}
