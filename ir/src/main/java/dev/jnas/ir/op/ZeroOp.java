package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.TensorShape;
import java.util.List;

/** Zeros shaped like its input: DARTS's "none" candidate, which cuts an edge. */
public record ZeroOp() implements PrimitiveOp {
  @Override
  public TensorShape outputShape(List<TensorShape> inputs, Decisions d) {
    return inputs.get(0);
  }

  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.zero(this);
  }
}
