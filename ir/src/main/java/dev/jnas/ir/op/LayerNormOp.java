package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.IrException;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import java.util.List;

/** Layer normalisation over the trailing dimensions {@code shape}, with a learned scale and shift. */
public record LayerNormOp(Expr shape, @Default("1.0E-5") Expr eps) implements PrimitiveOp {

  @Override
  public TensorShape outputShape(List<TensorShape> inputs, Decisions d) {
    TensorShape x = inputs.get(0);
    List<Integer> normalized = Attr.ints(shape, "shape", d);
    if (normalized.isEmpty() || normalized.stream().anyMatch(n -> n < 1)) {
      throw new IrException("attribute 'shape' must list positive sizes, got " + normalized);
    }
    if (Attr.number(eps, "eps", d) <= 0) {
      throw new IrException("attribute 'eps' must be positive");
    }
    int offset = x.rank() - normalized.size();
    boolean matches = offset >= 1;
    for (int i = 0; matches && i < normalized.size(); i++) {
      matches = x.dim(offset + i) == normalized.get(i);
    }
    if (!matches) {
      throw new IrException("normalises trailing dimensions " + normalized + ", got input " + x);
    }
    return x;
  }

  @Override
  public long params(List<TensorShape> inputs, Decisions d) {
    long product = 1;
    for (int n : Attr.ints(shape, "shape", d)) {
      product = Math.multiplyExact(product, n);
    }
    return Math.multiplyExact(2, product);
  }

  @Override
  public long flops(List<TensorShape> inputs, TensorShape output, Decisions d) {
    return output.elementsPerExample();
  }

  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.layerNorm(this);
  }
}
