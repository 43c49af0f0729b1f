package dev.jnas.ir.op;

/** Activation: x times the standard normal CDF of x. */
public record GeluOp() implements ActivationOp {
  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.gelu(this);
  }
}
