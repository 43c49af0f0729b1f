package dev.jnas.ir.op;

import dev.jnas.ir.expr.Expr;

/** Sum over {@code dims}. */
public record SumOp(Expr dims, @Default("false") Expr keepDim) implements ReduceOp {
  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.sum(this);
  }
}
