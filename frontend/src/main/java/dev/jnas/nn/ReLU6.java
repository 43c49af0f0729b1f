package dev.jnas.nn;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.List;
import java.util.function.Function;

/** min(max(x, 0), 6), as PyTorch's {@code nn.ReLU6}. */
public final class ReLU6 extends Layer {
  @Override
  PrimitiveOp op(Function<Object, Expr> a) {
    return new dev.jnas.ir.op.Relu6();
  }

  @Override
  List<String> describe(Function<Object, String> r) {
    return List.of();
  }
}
