package dev.jnas.nn;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.AvgPool2dOp;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.function.Function;

/** 2-D average pooling with a square window, as PyTorch's {@code nn.AvgPool2d}. */
public final class AvgPool2d extends PoolLayer {
  public AvgPool2d(Object kernel) {
    this(kernel, kernel, 0);
  }

  public AvgPool2d(Object kernel, Object stride) {
    this(kernel, stride, 0);
  }

  public AvgPool2d(Object kernel, Object stride, Object padding) {
    super("AvgPool2d", kernel, stride, padding);
  }

  @Override
  PrimitiveOp op(Function<Object, Expr> a) {
    return new AvgPool2dOp(a.apply(kernel), a.apply(stride), a.apply(padding));
  }
}
