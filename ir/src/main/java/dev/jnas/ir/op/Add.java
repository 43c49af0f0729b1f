package dev.jnas.ir.op;

/** Element-wise sum of its inputs, broadcast. */
public record Add() implements ElementwiseOp {
  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.add(this);
  }
}
