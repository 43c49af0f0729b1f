package dev.jnas.nn;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.AvgPool2dOp;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.function.Function;

/** 2-D average pooling with a square window, as PyTorch's {@code nn.AvgPool2d}. */
public final class AvgPool2d extends PoolLayer {
  /**
   * Average pooling with a square {@code kernel}, a stride equal to the kernel and no padding; each argument is a
   * number or a {@link ValueChoice}.
   */
  public AvgPool2d(Object kernel) {
    this(kernel, kernel, 0);
  }

  /** Average pooling with a square {@code kernel} and the given {@code stride}, without padding. */
  public AvgPool2d(Object kernel, Object stride) {
    this(kernel, stride, 0);
  }

  /** Average pooling with a square {@code kernel}, {@code stride} and zero {@code padding} on each side. */
  public AvgPool2d(Object kernel, Object stride, Object padding) {
    super("AvgPool2d", kernel, stride, padding);
  }

  @Override
  PrimitiveOp op(Function<Object, Expr> a) {
    return new AvgPool2dOp(a.apply(kernel), a.apply(stride), a.apply(padding));
  }
}
