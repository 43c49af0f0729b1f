package dev.jnas.ir.op;

import dev.jnas.ir.expr.Expr;

/** Log of the softmax along {@code dim}. */
public record LogSoftmaxOp(Expr dim) implements SoftmaxFamilyOp {
  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.logSoftmax(this);
  }
}
