package dev.jnas.ir.op;

import dev.jnas.ir.expr.Expr;

/** Long short-term memory layers over (N, T, in); see {@link RecurrentOp}. */
public record LstmOp(Expr in, Expr hidden, @Default("1") Expr layers, @Default("true") Expr sequence) implements RecurrentOp {
  @Override
  public int gates() {
    return 4;
  }

  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.lstm(this);
  }
}
