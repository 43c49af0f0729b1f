package dev.jnas.nn;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.LinearOp;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.List;
import java.util.function.Function;

/** Fully connected layer on the last dimension, as PyTorch's {@code nn.Linear}. */
public final class Linear extends Layer {
  private final Object in;
  private final Object out;
  private Object bias = true;

  /**
   * A fully connected layer from {@code in} features (or {@link Layer#AUTO}) to {@code out} features; each is a
   * number or a {@link ValueChoice}, else {@link SpaceException}.
   */
  public Linear(Object in, Object out) {
    this.in = sizeArg("Linear", "in", in);
    this.out = arg("Linear", "out", out);
  }

  /** Sets whether the layer adds a bias (default {@code true}); returns this layer. */
  public Linear bias(Object bias) {
    this.bias = arg("Linear", "bias", bias);
    return this;
  }

  @Override
  PrimitiveOp op(Function<Object, Expr> a) {
    return new LinearOp(a.apply(in), a.apply(out), a.apply(bias));
  }

  @Override
  List<String> describe(Function<Object, String> r) {
    List<String> out = list("in=" + r.apply(in), "out=" + r.apply(this.out));
    option(out, "bias", bias, true, r);
    return out;
  }
}
