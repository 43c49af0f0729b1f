package dev.jnas.ir.op;

/** Activation: max(x, 0). */
public record ReluOp() implements ActivationOp {
  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.relu(this);
  }
}
