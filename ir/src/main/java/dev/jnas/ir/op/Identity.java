package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.Shape;
import java.util.List;

/** Passes its input through (a skip connection candidate). */
public record Identity() implements PrimitiveOp {
  @Override
  public Shape outputShape(List<Shape> inputs, Decisions d) {
    return inputs.get(0);
  }

  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.identity(this);
  }
}
