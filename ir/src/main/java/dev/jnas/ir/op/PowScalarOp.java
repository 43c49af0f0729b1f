package dev.jnas.ir.op;

import dev.jnas.ir.expr.Expr;

/** {@code x} to the power {@code value}. */
public record PowScalarOp(Expr value) implements ScalarOp {
  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.powScalar(this);
  }
}
