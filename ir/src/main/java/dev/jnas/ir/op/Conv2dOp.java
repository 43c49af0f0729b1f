package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import java.util.List;

/**
 * 2-D convolution over (N, C, H, W) with square kernel, stride, padding and dilation; {@code in}
 * may be {@code "auto"}, the input's channels.
 */
public record Conv2dOp(
    Expr in,
    Expr out,
    Expr kernel,
    @Default("1") Expr stride,
    @Default("0") Expr padding,
    @Default("1") Expr dilation,
    @Default("1") Expr groups,
    @Default("true") Expr bias)
    implements PrimitiveOp {

  @Override
  public TensorShape outputShape(List<TensorShape> inputs, Decisions d) {
    TensorShape x = inputs.get(0);
    Attr.rank(x, 4, "(N, C, H, W)");
    int out = Attr.channels(in, this.out, groups, x, d)[1];
    Attr.bool(bias, "bias", d);
    int k = Attr.atLeast(1, kernel, "kernel", d);
    int s = Attr.atLeast(1, stride, "stride", d);
    int p = Attr.atLeast(0, padding, "padding", d);
    int dil = Attr.atLeast(1, dilation, "dilation", d);
    return TensorShape.of(x.dim(0), out, Attr.window(x.dim(2), k, s, p, dil), Attr.window(x.dim(3), k, s, p, dil));
  }

  @Override
  public long params(List<TensorShape> inputs, Decisions d) {
    long in = Attr.sizeOrAuto(this.in, "in", inputs.get(0).dim(1), d);
    long out = Attr.integer(this.out, "out", d);
    long k = Attr.integer(kernel, "kernel", d);
    long perFilter = Math.multiplyExact(in / Attr.integer(groups, "groups", d), k * k);
    return Math.addExact(Math.multiplyExact(out, perFilter), Attr.bool(bias, "bias", d) ? out : 0);
  }

  @Override
  public long flops(List<TensorShape> inputs, TensorShape output, Decisions d) {
    long in = Attr.sizeOrAuto(this.in, "in", inputs.get(0).dim(1), d);
    long k = Attr.integer(kernel, "kernel", d);
    return Math.multiplyExact(output.elementsPerExample(), Math.multiplyExact(in / Attr.integer(groups, "groups", d), k * k));
  }

  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.conv2d(this);
  }
}
