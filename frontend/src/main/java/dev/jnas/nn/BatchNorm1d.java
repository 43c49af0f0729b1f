package dev.jnas.nn;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.BatchNorm1dOp;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.List;
import java.util.function.Function;

/** Batch normalisation over the features of (N, C) or (N, C, L), as PyTorch's {@code nn.BatchNorm1d}. */
public final class BatchNorm1d extends Layer {
  private final Object features;
  private Object eps = 1e-5;
  private Object momentum = 0.1;

  /**
   * Batch normalisation over {@code features} channels (a number, a {@link ValueChoice} or {@link Layer#AUTO});
   * throws {@link SpaceException} for any other argument.
   */
  public BatchNorm1d(Object features) {
    this.features = sizeArg("BatchNorm1d", "features", features);
  }

  /** Sets the value added to the variance for stability (default {@code 1e-5}); returns this layer. */
  public BatchNorm1d eps(Object eps) {
    this.eps = arg("BatchNorm1d", "eps", eps);
    return this;
  }

  /** Sets the running statistics' momentum (default {@code 0.1}); returns this layer. */
  public BatchNorm1d momentum(Object momentum) {
    this.momentum = arg("BatchNorm1d", "momentum", momentum);
    return this;
  }

  @Override
  PrimitiveOp op(Function<Object, Expr> a) {
    return new BatchNorm1dOp(a.apply(features), a.apply(eps), a.apply(momentum));
  }

  @Override
  List<String> describe(Function<Object, String> r) {
    List<String> out = list(r.apply(features));
    option(out, "eps", eps, 1e-5, r);
    option(out, "momentum", momentum, 0.1, r);
    return out;
  }
}
