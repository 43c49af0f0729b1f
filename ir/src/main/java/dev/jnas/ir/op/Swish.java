package dev.jnas.ir.op;

/** Activation: x * sigmoid(x) (also called SiLU). */
public record Swish() implements ActivationOp {
  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.swish(this);
  }
}
