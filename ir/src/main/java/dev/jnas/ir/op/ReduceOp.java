package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.IrException;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** A reduction over non-batch dimensions ({@code mean} or {@code sum}), keeping them as 1 or not. */
public sealed interface ReduceOp extends PrimitiveOp permits MeanOp, SumOp {
  Expr dims();

  Expr keepDim();

  @Override
  default TensorShape outputShape(List<TensorShape> inputs, Decisions d) {
    TensorShape x = inputs.get(0);
    List<Integer> dims = Attr.ints(dims(), "dims", d);
    boolean keep = Attr.bool(keepDim(), "keepDim", d);
    if (dims.isEmpty()) {
      throw new IrException("attribute 'dims' must list at least one dimension");
    }
    TreeSet<Integer> axes = new TreeSet<>();
    for (int dim : dims) {
      int axis = x.axis(dim);
      if (axis < 1) {
        throw new IrException("dim " + dim + " must name a non-batch dimension of input " + x);
      }
      if (!axes.add(axis)) {
        throw new IrException("attribute 'dims' " + dims + " names dimension " + axis + " twice");
      }
    }
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < x.rank(); i++) {
      if (!axes.contains(i)) {
        out.add(x.dim(i));
      } else if (keep) {
        out.add(1L);
      }
    }
    return new TensorShape(out);
  }

  @Override
  default long flops(List<TensorShape> inputs, TensorShape output, Decisions d) {
    return inputs.get(0).elementsPerExample();
  }
}
