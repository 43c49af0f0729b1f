package dev.jnas.ir.op;

import dev.jnas.ir.expr.Expr;

/** Mean over {@code dims}. */
public record MeanOp(Expr dims, @Default("false") Expr keepDim) implements ReduceOp {
  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.mean(this);
  }
}
