package dev.jnas.nn;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.LstmOp;
import dev.jnas.ir.op.PrimitiveOp;

/** Long short-term memory layers, as PyTorch's {@code nn.LSTM(in, hidden, batch_first=True)}; see {@link RecurrentLayer}. */
public final class LSTM extends RecurrentLayer<LSTM> {
  /**
   * An LSTM from {@code in} features (or {@link Layer#AUTO}) to {@code hidden} features; each is a number or a
   * {@link ValueChoice}.
   */
  public LSTM(Object in, Object hidden) {
    super("LSTM", in, hidden);
  }

  @Override
  PrimitiveOp op(Expr in, Expr hidden, Expr layers, Expr sequence) {
    return new LstmOp(in, hidden, layers, sequence);
  }

  @Override
  LSTM self() {
    return this;
  }
}
