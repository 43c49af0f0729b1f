package dev.jnas.ir.op;

import dev.jnas.ir.expr.Expr;

/** Softmax along {@code dim}. */
public record Softmax(Expr dim) implements SoftmaxOp {
  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.softmax(this);
  }
}
