package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.IrException;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import java.util.List;

/** A normalisation along one dimension ({@code softmax} or {@code logSoftmax}); same shape out. */
public sealed interface SoftmaxFamilyOp extends PrimitiveOp permits SoftmaxOp, LogSoftmaxOp {
  Expr dim();

  @Override
  default TensorShape outputShape(List<TensorShape> inputs, Decisions d) {
    TensorShape x = inputs.get(0);
    int dim = Attr.integer(dim(), "dim", d);
    if (x.axis(dim) < 0) {
      throw new IrException("dim " + dim + " is out of range for input " + x);
    }
    return x;
  }

  @Override
  default long flops(List<TensorShape> inputs, TensorShape output, Decisions d) {
    return output.elementsPerExample();
  }
}
