package dev.jnas.ir.op;

import dev.jnas.ir.expr.Expr;

/** Gated recurrent unit layers over (N, T, in); see {@link RecurrentOp}. */
public record GruOp(Expr in, Expr hidden, @Default("1") Expr layers, @Default("true") Expr sequence) implements RecurrentOp {
  @Override
  public int gates() {
    return 3;
  }

  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.gru(this);
  }
}
