package dev.jnas.nn;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.List;
import java.util.function.Function;

/** 2-D max pooling with a square window; the stride defaults to the kernel, as in PyTorch. */
public final class MaxPool2d extends Layer {
  private final Object kernel;
  private final Object stride;
  private final Object padding;

  public MaxPool2d(Object kernel) {
    this(kernel, kernel, 0);
  }

  public MaxPool2d(Object kernel, Object stride) {
    this(kernel, stride, 0);
  }

  public MaxPool2d(Object kernel, Object stride, Object padding) {
    this.kernel = arg("MaxPool2d", "kernel", kernel);
    this.stride = arg("MaxPool2d", "stride", stride);
    this.padding = arg("MaxPool2d", "padding", padding);
  }

  @Override
  PrimitiveOp op(Function<Object, Expr> a) {
    return new dev.jnas.ir.op.MaxPool2d(a.apply(kernel), a.apply(stride), a.apply(padding));
  }

  @Override
  List<String> describe(Function<Object, String> r) {
    List<String> out = list("kernel=" + r.apply(kernel), "stride=" + r.apply(stride));
    option(out, "padding", padding, 0, r);
    return out;
  }
}
