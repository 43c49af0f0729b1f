package dev.jnas.ir.op;

import dev.jnas.ir.expr.Expr;

/** 2-D max pooling with a square window. */
public record MaxPool2dOp(Expr kernel, Expr stride, @Default("0") Expr padding) implements PoolOp {
  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.maxPool2d(this);
  }
}
