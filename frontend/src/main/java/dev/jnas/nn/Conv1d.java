package dev.jnas.nn;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.Conv1dOp;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.List;
import java.util.function.Function;

/** 1-D convolution over (N, C, L), as PyTorch's {@code nn.Conv1d}; options by chained setters. */
public final class Conv1d extends Layer {
  private final Object in;
  private final Object out;
  private final Object kernel;
  private Object stride = 1;
  private Object padding = 0;
  private Object dilation = 1;
  private Object groups = 1;
  private Object bias = true;

  /**
   * A 1-D convolution from {@code in} channels (or {@link Layer#AUTO}) to {@code out} channels with a {@code
   * kernel}-wide kernel; each is a number or a {@link ValueChoice}, else {@link SpaceException}.
   */
  public Conv1d(Object in, Object out, Object kernel) {
    this.in = sizeArg("Conv1d", "in", in);
    this.out = arg("Conv1d", "out", out);
    this.kernel = arg("Conv1d", "kernel", kernel);
  }

  /** Sets the stride (default 1); returns this layer. */
  public Conv1d stride(Object stride) {
    this.stride = arg("Conv1d", "stride", stride);
    return this;
  }

  /** Sets the zero padding on each side (default 0); returns this layer. */
  public Conv1d padding(Object padding) {
    this.padding = arg("Conv1d", "padding", padding);
    return this;
  }

  /** Sets the kernel dilation (default 1); returns this layer. */
  public Conv1d dilation(Object dilation) {
    this.dilation = arg("Conv1d", "dilation", dilation);
    return this;
  }

  /** Sets the number of channel groups (default 1); returns this layer. */
  public Conv1d groups(Object groups) {
    this.groups = arg("Conv1d", "groups", groups);
    return this;
  }

  /** Sets whether the layer adds a bias (default {@code true}); returns this layer. */
  public Conv1d bias(Object bias) {
    this.bias = arg("Conv1d", "bias", bias);
    return this;
  }

  @Override
  PrimitiveOp op(Function<Object, Expr> a) {
    return new Conv1dOp(a.apply(in), a.apply(out), a.apply(kernel), a.apply(stride),
        a.apply(padding), a.apply(dilation), a.apply(groups), a.apply(bias));
  }

  @Override
  List<String> describe(Function<Object, String> r) {
    List<String> out = list(r.apply(in), r.apply(this.out), "kernel=" + r.apply(kernel));
    option(out, "stride", stride, 1, r);
    option(out, "padding", padding, 0, r);
    option(out, "dilation", dilation, 1, r);
    option(out, "groups", groups, 1, r);
    option(out, "bias", bias, true, r);
    return out;
  }
}
