package dev.jnas.ir.op;

import dev.jnas.ir.expr.Expr;

/** 2-D average pooling with a square window (padding counts as zeros, as PyTorch's default). */
public record AvgPool2dOp(Expr kernel, Expr stride, @Default("0") Expr padding) implements PoolOp {
  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.avgPool2d(this);
  }
}
