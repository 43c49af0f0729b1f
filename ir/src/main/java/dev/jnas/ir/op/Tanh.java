package dev.jnas.ir.op;

/** Activation: the hyperbolic tangent. */
public record Tanh() implements ActivationOp {
  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.tanh(this);
  }
}
