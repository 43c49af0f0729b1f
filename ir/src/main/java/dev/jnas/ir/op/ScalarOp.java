package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import java.util.List;

/** Element-wise arithmetic of a tensor and a number ({@code addScalar}, {@code mulScalar}, {@code powScalar}); same shape out. */
public sealed interface ScalarOp extends PrimitiveOp permits AddScalarOp, MulScalarOp, PowScalarOp {
  Expr value();

  @Override
  default TensorShape outputShape(List<TensorShape> inputs, Decisions d) {
    Attr.number(value(), "value", d);
    return inputs.get(0);
  }

  @Override
  default long flops(List<TensorShape> inputs, TensorShape output, Decisions d) {
    return output.elementsPerExample();
  }
}
