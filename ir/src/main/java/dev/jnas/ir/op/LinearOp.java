package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.IrException;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import java.util.List;

/** Fully connected layer on the last dimension: (..., in) to (..., out); {@code in} may be {@code "auto"}. */
public record LinearOp(Expr in, Expr out, @Default("true") Expr bias) implements PrimitiveOp {

  @Override
  public TensorShape outputShape(List<TensorShape> inputs, Decisions d) {
    TensorShape x = inputs.get(0);
    int in = Attr.sizeOrAuto(this.in, "in", x.rank() == 0 ? TensorShape.UNKNOWN : x.dim(x.rank() - 1), d);
    int out = Attr.atLeast(1, this.out, "out", d);
    Attr.bool(bias, "bias", d);
    if (x.rank() < 2) {
      throw new IrException("expects an input of rank 2 or more (N, ..., " + in + "), got " + x);
    }
    if (x.dim(x.rank() - 1) != in) {
      throw new IrException("expects last dimension " + in + " (in=" + in + "), got input " + x);
    }
    return x.withDim(x.rank() - 1, out);
  }

  @Override
  public long params(List<TensorShape> inputs, Decisions d) {
    TensorShape x = inputs.get(0);
    long in = Attr.sizeOrAuto(this.in, "in", x.dim(x.rank() - 1), d);
    long out = Attr.integer(this.out, "out", d);
    return Math.addExact(Math.multiplyExact(in, out), Attr.bool(bias, "bias", d) ? out : 0);
  }

  @Override
  public long flops(List<TensorShape> inputs, TensorShape output, Decisions d) {
    return Math.multiplyExact(inputs.get(0).elementsPerExample(), (long) Attr.integer(out, "out", d));
  }

  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.linear(this);
  }
}
