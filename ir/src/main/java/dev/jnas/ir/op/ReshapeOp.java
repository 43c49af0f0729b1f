package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.IrException;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * Reshapes each example to {@code dims} (the batch dimension stays first and is not listed); one
 * entry may be -1, inferred from the element count.
 */
public record ReshapeOp(Expr dims) implements PrimitiveOp {

  @Override
  public TensorShape outputShape(List<TensorShape> inputs, Decisions d) {
    TensorShape x = inputs.get(0);
    List<Integer> target = Attr.ints(dims, "dims", d);
    long known = 1;
    int inferred = -1;
    for (int i = 0; i < target.size(); i++) {
      int n = target.get(i);
      if (n == -1 && inferred < 0) {
        inferred = i;
      } else if (n < 1) {
        throw new IrException(
            "attribute 'dims' " + target + " may hold one -1 and otherwise positive sizes");
      } else {
        known = Math.multiplyExact(known, n);
      }
    }
    long elements = x.elementsPerExample();
    List<Long> out = new ArrayList<>();
    out.add(x.dim(0));
    for (int n : target) {
      out.add((long) n);
    }
    if (inferred >= 0) {
      if (elements % known != 0) {
        throw new IrException("cannot reshape input " + x + " (" + elements + " per example) to " + target);
      }
      out.set(inferred + 1, elements / known);
    } else if (known != elements) {
      throw new IrException("cannot reshape input " + x + " (" + elements + " per example) to " + target);
    }
    return new TensorShape(out);
  }

  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.reshape(this);
  }
}
