package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.IrException;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import java.util.List;

/**
 * Transposed 2-D convolution ("deconvolution") over (N, C, H, W), which upsamples: each spatial
 * size becomes {@code (size - 1) * stride - 2 * padding + kernel + outputPadding}.
 */
public record ConvTranspose2dOp(
    Expr in,
    Expr out,
    Expr kernel,
    @Default("1") Expr stride,
    @Default("0") Expr padding,
    @Default("0") Expr outputPadding,
    @Default("true") Expr bias)
    implements PrimitiveOp {

  @Override
  public TensorShape outputShape(List<TensorShape> inputs, Decisions d) {
    TensorShape x = inputs.get(0);
    Attr.rank(x, 4, "(N, C, H, W)");
    int out = Attr.channels(in, this.out, Expr.of(1), x, d)[1];
    Attr.bool(bias, "bias", d);
    int k = Attr.atLeast(1, kernel, "kernel", d);
    int s = Attr.atLeast(1, stride, "stride", d);
    int p = Attr.atLeast(0, padding, "padding", d);
    int op = Attr.atLeast(0, outputPadding, "outputPadding", d);
    if (p > k - 1) {
      throw new IrException("attribute 'padding' " + p + " must be at most kernel - 1 = " + (k - 1));
    }
    if (op >= s) {
      throw new IrException("attribute 'outputPadding' " + op + " must be smaller than stride " + s);
    }
    return TensorShape.of(x.dim(0), out, upsampled(x.dim(2), k, s, p, op), upsampled(x.dim(3), k, s, p, op));
  }

  private static long upsampled(long size, int kernel, int stride, int padding, int outputPadding) {
    long out = (size - 1) * stride - 2L * padding + kernel + outputPadding;
    if (out < 1) {
      throw new IrException("padding " + padding + " leaves no output for a spatial size of " + size + " and kernel " + kernel);
    }
    return out;
  }

  @Override
  public long params(List<TensorShape> inputs, Decisions d) {
    long in = Attr.sizeOrAuto(this.in, "in", inputs.get(0).dim(1), d);
    long out = Attr.integer(this.out, "out", d);
    long k = Attr.integer(kernel, "kernel", d);
    return Math.addExact(Math.multiplyExact(Math.multiplyExact(in, out), k * k), Attr.bool(bias, "bias", d) ? out : 0);
  }

  @Override
  public long flops(List<TensorShape> inputs, TensorShape output, Decisions d) {
    long k = Attr.integer(kernel, "kernel", d);
    return Math.multiplyExact(inputs.get(0).elementsPerExample(), Attr.integer(out, "out", d) * k * k);
  }

  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.convTranspose2d(this);
  }
}
