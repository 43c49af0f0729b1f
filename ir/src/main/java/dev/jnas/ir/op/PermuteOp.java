package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.IrException;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reorders dimensions: output dimension i is input dimension {@code dims[i]}; the batch stays first. */
public record PermuteOp(Expr dims) implements PrimitiveOp {

  @Override
  public TensorShape outputShape(List<TensorShape> inputs, Decisions d) {
    TensorShape x = inputs.get(0);
    List<Integer> order = Attr.ints(dims, "dims", d);
    if (order.size() != x.rank()) {
      throw new IrException("attribute 'dims' " + order + " must list all " + x.rank() + " dimensions of input " + x);
    }
    Set<Integer> seen = new HashSet<>();
    List<Long> out = new ArrayList<>();
    for (int dim : order) {
      int axis = x.axis(dim);
      if (axis < 0 || !seen.add(axis)) {
        throw new IrException("attribute 'dims' " + order + " must be a permutation of the dimensions of input " + x);
      }
      out.add(x.dim(axis));
    }
    if (x.axis(order.get(0)) != 0) {
      throw new IrException("attribute 'dims' " + order + " must keep the batch dimension first");
    }
    return new TensorShape(out);
  }

  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.permute(this);
  }
}
