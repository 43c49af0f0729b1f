package dev.jnas.ir.op;

import dev.jnas.ir.expr.Expr;

/** Log of the softmax along {@code dim}. */
public record LogSoftmax(Expr dim) implements SoftmaxOp {
  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.logSoftmax(this);
  }
}
