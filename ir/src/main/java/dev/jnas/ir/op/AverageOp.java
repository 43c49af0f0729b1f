package dev.jnas.ir.op;

/** Element-wise mean of its inputs, broadcast (an input choice's "mean" reduction, frozen). */
public record AverageOp() implements ElementwiseOp {
  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.average(this);
  }
}
