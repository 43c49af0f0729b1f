package dev.jnas.ir.op;

/** Element-wise sum of its inputs, broadcast. */
public record AddOp() implements ElementwiseOp {
  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.add(this);
  }
}
