package dev.jnas.ir.op;

/** Activation: the hyperbolic tangent. */
public record TanhOp() implements ActivationOp {
  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.tanh(this);
  }
}
