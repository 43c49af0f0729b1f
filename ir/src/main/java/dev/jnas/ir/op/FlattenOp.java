package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.IrException;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import java.util.ArrayList;
import java.util.List;

/** Merges dimensions {@code startDim} to the last into one; the batch dimension always stays. */
public record FlattenOp(@Default("1") Expr startDim) implements PrimitiveOp {

  @Override
  public TensorShape outputShape(List<TensorShape> inputs, Decisions d) {
    TensorShape x = inputs.get(0);
    int start = Attr.integer(startDim, "startDim", d);
    int axis = x.axis(start);
    if (axis < 1) {
      throw new IrException(
          "startDim " + start + " must name a non-batch dimension of input " + x);
    }
    List<Long> dims = new ArrayList<>(x.dims().subList(0, axis));
    long product = 1;
    for (long n : x.dims().subList(axis, x.rank())) {
      product = Math.multiplyExact(product, n);
    }
    dims.add(product);
    return new TensorShape(dims);
  }

  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.flatten(this);
  }
}
