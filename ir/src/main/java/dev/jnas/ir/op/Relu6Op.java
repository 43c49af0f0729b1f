package dev.jnas.ir.op;

/** Activation: min(max(x, 0), 6). */
public record Relu6Op() implements ActivationOp {
  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.relu6(this);
  }
}
