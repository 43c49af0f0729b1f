package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.IrException;
import dev.jnas.ir.TensorShape;
import java.util.ArrayList;
import java.util.List;

/** An element-wise combination of two or more tensors under NumPy broadcasting ({@code add}, {@code mul}, {@code average}). */
public sealed interface ElementwiseOp extends PrimitiveOp permits AddOp, MulOp, AverageOp {

  @Override
  default Arity arity() {
    return Arity.AT_LEAST_TWO;
  }

  @Override
  default TensorShape outputShape(List<TensorShape> inputs, Decisions d) {
    TensorShape out = inputs.get(0);
    for (TensorShape next : inputs.subList(1, inputs.size())) {
      out = broadcast(out, next, inputs);
    }
    return out;
  }

  @Override
  default long flops(List<TensorShape> inputs, TensorShape output, Decisions d) {
    return Math.multiplyExact(inputs.size() - 1L, output.elementsPerExample());
  }

  private static TensorShape broadcast(TensorShape a, TensorShape b, List<TensorShape> all) {
    int rank = Math.max(a.rank(), b.rank());
    List<Long> dims = new ArrayList<>(rank);
    for (int i = 0; i < rank; i++) {
      long x = i < rank - a.rank() ? 1 : a.dim(i - (rank - a.rank()));
      long y = i < rank - b.rank() ? 1 : b.dim(i - (rank - b.rank()));
      if (x == y || y == 1) {
        dims.add(x);
      } else if (x == 1) {
        dims.add(y);
      } else {
        throw new IrException("input shapes " + all + " do not broadcast together");
      }
    }
    return new TensorShape(dims);
  }
}
