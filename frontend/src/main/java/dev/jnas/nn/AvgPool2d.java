package dev.jnas.nn;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.List;
import java.util.function.Function;

/** 2-D average pooling with a square window; the stride defaults to the kernel, as in PyTorch. */
public final class AvgPool2d extends Layer {
  private final Object kernel;
  private final Object stride;
  private final Object padding;

  public AvgPool2d(Object kernel) {
    this(kernel, kernel, 0);
  }

  public AvgPool2d(Object kernel, Object stride) {
    this(kernel, stride, 0);
  }

  public AvgPool2d(Object kernel, Object stride, Object padding) {
    this.kernel = arg("AvgPool2d", "kernel", kernel);
    this.stride = arg("AvgPool2d", "stride", stride);
    this.padding = arg("AvgPool2d", "padding", padding);
  }

  @Override
  PrimitiveOp op(Function<Object, Expr> a) {
    return new dev.jnas.ir.op.AvgPool2d(a.apply(kernel), a.apply(stride), a.apply(padding));
  }

  @Override
  List<String> describe(Function<Object, String> r) {
    List<String> out = list("kernel=" + r.apply(kernel), "stride=" + r.apply(stride));
    option(out, "padding", padding, 0, r);
    return out;
  }
}
