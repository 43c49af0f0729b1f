package dev.jnas.ir.op;

/** Activation: 1 / (1 + exp(-x)). */
public record SigmoidOp() implements ActivationOp {
  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.sigmoid(this);
  }
}
