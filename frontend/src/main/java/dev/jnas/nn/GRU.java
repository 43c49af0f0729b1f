package dev.jnas.nn;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.GruOp;
import dev.jnas.ir.op.PrimitiveOp;

/** Gated recurrent unit layers, as PyTorch's {@code nn.GRU(in, hidden, batch_first=True)}; see {@link RecurrentLayer}. */
public final class GRU extends RecurrentLayer<GRU> {
  /**
   * A GRU from {@code in} features (or {@link Layer#AUTO}) to {@code hidden} features; each is a number or a
   * {@link ValueChoice}.
   */
  public GRU(Object in, Object hidden) {
    super("GRU", in, hidden);
  }

  @Override
  PrimitiveOp op(Expr in, Expr hidden, Expr layers, Expr sequence) {
    return new GruOp(in, hidden, layers, sequence);
  }

  @Override
  GRU self() {
    return this;
  }
}
