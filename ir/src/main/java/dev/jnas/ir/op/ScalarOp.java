package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.Shape;
import dev.jnas.ir.expr.Expr;
import java.util.List;

/** Element-wise arithmetic of a tensor and a number ({@code addScalar}, {@code mulScalar}, {@code powScalar}); same shape out. */
public sealed interface ScalarOp extends PrimitiveOp permits AddScalar, MulScalar, PowScalar {
  Expr value();

  @Override
  default Shape outputShape(List<Shape> inputs, Decisions d) {
    Attr.number(value(), "value", d);
    return inputs.get(0);
  }

  @Override
  default long flops(List<Shape> inputs, Shape output, Decisions d) {
    return output.elementsPerExample();
  }
}
