package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.TensorShape;
import java.util.List;

/** Passes its input through (a skip connection candidate). */
public record IdentityOp() implements PrimitiveOp {
  @Override
  public TensorShape outputShape(List<TensorShape> inputs, Decisions d) {
    return inputs.get(0);
  }

  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.identity(this);
  }
}
