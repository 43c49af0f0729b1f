package dev.jnas.ir.op;

import dev.jnas.ir.expr.Expr;

/** {@code x + value} (subtraction adds the negative). */
public record AddScalarOp(Expr value) implements ScalarOp {
  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.addScalar(this);
  }
}
