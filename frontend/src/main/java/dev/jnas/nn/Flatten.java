package dev.jnas.nn;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.FlattenOp;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.List;
import java.util.function.Function;

/** Flattens dimensions from {@code startDim} (1 by default) on, as PyTorch's {@code nn.Flatten}. */
public final class Flatten extends Layer {
  private final Object startDim;

  /** Flattens every dimension after the batch dimension (start dimension 1). */
  public Flatten() {
    this(1);
  }

  /** Flattens the dimensions from {@code startDim} on into one. */
  public Flatten(Object startDim) {
    this.startDim = arg("Flatten", "startDim", startDim);
  }

  @Override
  PrimitiveOp op(Function<Object, Expr> a) {
    return new FlattenOp(a.apply(startDim));
  }

  @Override
  List<String> describe(Function<Object, String> r) {
    return List.of("startDim=" + r.apply(startDim));
  }
}
