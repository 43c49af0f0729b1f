package dev.jnas.nn;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.MaxPool2dOp;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.function.Function;

/** 2-D max pooling with a square window, as PyTorch's {@code nn.MaxPool2d}. */
public final class MaxPool2d extends PoolLayer {
  /**
   * Max pooling with a square {@code kernel}, a stride equal to the kernel and no padding; each argument is a
   * number or a {@link ValueChoice}.
   */
  public MaxPool2d(Object kernel) {
    this(kernel, kernel, 0);
  }

  /** Max pooling with a square {@code kernel} and the given {@code stride}, without padding. */
  public MaxPool2d(Object kernel, Object stride) {
    this(kernel, stride, 0);
  }

  /** Max pooling with a square {@code kernel}, {@code stride} and {@code padding} on each side. */
  public MaxPool2d(Object kernel, Object stride, Object padding) {
    super("MaxPool2d", kernel, stride, padding);
  }

  @Override
  PrimitiveOp op(Function<Object, Expr> a) {
    return new MaxPool2dOp(a.apply(kernel), a.apply(stride), a.apply(padding));
  }
}
