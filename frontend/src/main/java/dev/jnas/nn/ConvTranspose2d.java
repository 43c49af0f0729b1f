package dev.jnas.nn;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.ConvTranspose2dOp;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.List;
import java.util.function.Function;

/** Transposed 2-D convolution (upsampling), as PyTorch's {@code nn.ConvTranspose2d} with square kernels. */
public final class ConvTranspose2d extends Layer {
  private final Object in;
  private final Object out;
  private final Object kernel;
  private Object stride = 1;
  private Object padding = 0;
  private Object outputPadding = 0;
  private Object bias = true;

  /**
   * A transposed convolution from {@code in} channels (or {@link Layer#AUTO}) to {@code out} channels with a
   * square {@code kernel}; each is a number or a {@link ValueChoice}, else {@link SpaceException}.
   */
  public ConvTranspose2d(Object in, Object out, Object kernel) {
    this.in = sizeArg("ConvTranspose2d", "in", in);
    this.out = arg("ConvTranspose2d", "out", out);
    this.kernel = arg("ConvTranspose2d", "kernel", kernel);
  }

  /** Sets the stride (default 1); returns this layer. */
  public ConvTranspose2d stride(Object stride) {
    this.stride = arg("ConvTranspose2d", "stride", stride);
    return this;
  }

  /** Sets the padding (default 0); returns this layer. */
  public ConvTranspose2d padding(Object padding) {
    this.padding = arg("ConvTranspose2d", "padding", padding);
    return this;
  }

  /** Sets the extra size added to one side of the output (default 0); returns this layer. */
  public ConvTranspose2d outputPadding(Object outputPadding) {
    this.outputPadding = arg("ConvTranspose2d", "outputPadding", outputPadding);
    return this;
  }

  /** Sets whether the layer adds a bias (default {@code true}); returns this layer. */
  public ConvTranspose2d bias(Object bias) {
    this.bias = arg("ConvTranspose2d", "bias", bias);
    return this;
  }

  @Override
  PrimitiveOp op(Function<Object, Expr> a) {
    return new ConvTranspose2dOp(a.apply(in), a.apply(out), a.apply(kernel), a.apply(stride),
        a.apply(padding), a.apply(outputPadding), a.apply(bias));
  }

  @Override
  List<String> describe(Function<Object, String> r) {
    List<String> out = list(r.apply(in), r.apply(this.out), "kernel=" + r.apply(kernel));
    option(out, "stride", stride, 1, r);
    option(out, "padding", padding, 0, r);
    option(out, "outputPadding", outputPadding, 0, r);
    option(out, "bias", bias, true, r);
    return out;
  }
}
