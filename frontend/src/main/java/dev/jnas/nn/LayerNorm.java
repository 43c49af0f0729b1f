package dev.jnas.nn;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.LayerNormOp;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Layer normalisation over the trailing dimensions {@code shape}, as PyTorch's {@code nn.LayerNorm}. */
public final class LayerNorm extends Layer {
  private final List<Object> shape;
  private Object eps = 1e-5;

  /**
   * Layer normalisation over the trailing dimensions of the given {@code shape}; throws {@link SpaceException} if
   * no shape is given or a dimension is not a number or {@link ValueChoice}.
   */
  public LayerNorm(Object... shape) {
    if (shape.length == 0) {
      throw new SpaceException("LayerNorm needs the normalised shape, such as new LayerNorm(64)");
    }
    this.shape = new ArrayList<>();
    for (int i = 0; i < shape.length; i++) {
      this.shape.add(arg("LayerNorm", "shape[" + i + "]", shape[i]));
    }
  }

  /** Sets the value added to the variance for stability (default {@code 1e-5}); returns this layer. */
  public LayerNorm eps(Object eps) {
    this.eps = arg("LayerNorm", "eps", eps);
    return this;
  }

  @Override
  PrimitiveOp op(Function<Object, Expr> a) {
    return new LayerNormOp(Expr.list(shape.stream().map(a).toList()), a.apply(eps));
  }

  @Override
  List<String> describe(Function<Object, String> r) {
    List<String> out = list(shape.stream().map(r).toList().toString());
    option(out, "eps", eps, 1e-5, r);
    return out;
  }
}
