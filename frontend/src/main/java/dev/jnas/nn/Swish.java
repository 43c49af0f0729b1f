package dev.jnas.nn;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.List;
import java.util.function.Function;

/** x * sigmoid(x), as PyTorch's {@code nn.SiLU}. */
public final class Swish extends Layer {
  @Override
  PrimitiveOp op(Function<Object, Expr> a) {
    return new dev.jnas.ir.op.Swish();
  }

  @Override
  List<String> describe(Function<Object, String> r) {
    return List.of();
  }
}
