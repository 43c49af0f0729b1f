package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.IrException;
import dev.jnas.ir.TensorShape;
import java.util.ArrayList;
import java.util.List;

/**
 * Matrix product of two tensors of one rank (at least 3, the batch first): (..., n, k) times
 * (..., k, m) gives (..., n, m); the leading dimensions must agree.
 */
public record MatMulOp() implements PrimitiveOp {
  @Override
  public Arity arity() {
    return Arity.BINARY;
  }

  @Override
  public TensorShape outputShape(List<TensorShape> inputs, Decisions d) {
    TensorShape a = inputs.get(0);
    TensorShape b = inputs.get(1);
    if (a.rank() < 3 || a.rank() != b.rank()) {
      throw new IrException("expects two inputs of one rank of at least 3 (N, ..., n, k) and (N, ..., k, m), got " + a + " and " + b);
    }
    int r = a.rank();
    for (int i = 1; i < r - 2; i++) {
      if (a.dim(i) != b.dim(i)) {
        throw new IrException("leading dimensions of " + a + " and " + b + " differ");
      }
    }
    if (a.dim(r - 1) != b.dim(r - 2)) {
      throw new IrException("inner dimensions differ: " + a + " times " + b);
    }
    List<Long> out = new ArrayList<>(a.dims().subList(0, r - 1));
    out.add(b.dim(r - 1));
    return new TensorShape(out);
  }

  @Override
  public long flops(List<TensorShape> inputs, TensorShape output, Decisions d) {
    TensorShape a = inputs.get(0);
    return Math.multiplyExact(output.elementsPerExample(), a.dim(a.rank() - 1));
  }

  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.matMul(this);
  }
}
