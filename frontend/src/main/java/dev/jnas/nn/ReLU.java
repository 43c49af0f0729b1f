package dev.jnas.nn;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.List;
import java.util.function.Function;

/** max(x, 0), as PyTorch's {@code nn.ReLU}. */
public final class ReLU extends Layer {
  @Override
  PrimitiveOp op(Function<Object, Expr> a) {
    return new dev.jnas.ir.op.Relu();
  }

  @Override
  List<String> describe(Function<Object, String> r) {
    return List.of();
  }
}
