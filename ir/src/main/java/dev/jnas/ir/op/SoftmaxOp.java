package dev.jnas.ir.op;

import dev.jnas.ir.expr.Expr;

/** Softmax along {@code dim}. */
public record SoftmaxOp(Expr dim) implements SoftmaxFamilyOp {
  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.softmax(this);
  }
}
