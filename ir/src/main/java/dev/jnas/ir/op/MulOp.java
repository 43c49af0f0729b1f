package dev.jnas.ir.op;

/** Element-wise product of its inputs, broadcast. */
public record MulOp() implements ElementwiseOp {
  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.mul(this);
  }
}
