package dev.jnas.ir.op;

/** Activation: x * sigmoid(x) (also called SiLU). */
public record SwishOp() implements ActivationOp {
  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.swish(this);
  }
}
