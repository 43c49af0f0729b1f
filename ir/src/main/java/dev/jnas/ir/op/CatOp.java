package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.IrException;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import java.util.List;

/** Concatenation of its inputs along {@code dim} (not the batch dimension). */
public record CatOp(@Default("1") Expr dim) implements PrimitiveOp {

  @Override
  public Arity arity() {
    return Arity.AT_LEAST_ONE;
  }

  @Override
  public TensorShape outputShape(List<TensorShape> inputs, Decisions d) {
    TensorShape first = inputs.get(0);
    int dim = Attr.integer(this.dim, "dim", d);
    int axis = first.axis(dim);
    if (axis < 1) {
      throw new IrException("dim " + dim + " must name a non-batch dimension of input " + first);
    }
    long total = 0;
    for (TensorShape x : inputs) {
      boolean fits = x.rank() == first.rank();
      for (int i = 0; fits && i < x.rank(); i++) {
        fits = i == axis || x.dim(i) == first.dim(i);
      }
      if (!fits) {
        throw new IrException("inputs " + inputs + " differ outside dim " + dim);
      }
      total += x.dim(axis);
    }
    return first.withDim(axis, total);
  }

  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.cat(this);
  }
}
