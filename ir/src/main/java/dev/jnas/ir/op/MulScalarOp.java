package dev.jnas.ir.op;

import dev.jnas.ir.expr.Expr;

/** {@code x * value} (division multiplies by the reciprocal). */
public record MulScalarOp(Expr value) implements ScalarOp {
  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.mulScalar(this);
  }
}
