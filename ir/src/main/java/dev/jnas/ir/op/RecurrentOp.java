package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.IrException;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import java.util.List;

/**
 * A recurrent layer over a batch-first sequence (N, T, in): the whole output sequence
 * (N, T, hidden), or with {@code sequence=false} the last step's output (N, hidden).
 */
public sealed interface RecurrentOp extends PrimitiveOp permits LstmOp, GruOp {
  Expr in();

  Expr hidden();

  Expr layers();

  Expr sequence();

  /** Gate blocks per layer: 4 for an LSTM, 3 for a GRU. */
  int gates();

  @Override
  default TensorShape outputShape(List<TensorShape> inputs, Decisions d) {
    TensorShape x = inputs.get(0);
    Attr.rank(x, 3, "(N, T, features)");
    int in = Attr.sizeOrAuto(in(), "in", x.dim(2), d);
    if (x.dim(2) != in) {
      throw new IrException("expects " + in + " features per step (in=" + in + "), got input " + x);
    }
    int hidden = Attr.atLeast(1, hidden(), "hidden", d);
    Attr.atLeast(1, layers(), "layers", d);
    return Attr.bool(sequence(), "sequence", d) ? TensorShape.of(x.dim(0), x.dim(1), hidden) : TensorShape.of(x.dim(0), hidden);
  }

  @Override
  default long params(List<TensorShape> inputs, Decisions d) {
    long in = Attr.sizeOrAuto(in(), "in", inputs.get(0).dim(2), d);
    long hidden = Attr.integer(hidden(), "hidden", d);
    long layers = Attr.integer(layers(), "layers", d);
    // Per layer: input and recurrent weights plus two biases per gate, as PyTorch and DJL hold them.
    long first = gates() * hidden * (in + hidden + 2);
    long rest = gates() * hidden * (hidden + hidden + 2);
    return Math.addExact(first, Math.multiplyExact(layers - 1, rest));
  }

  @Override
  default long flops(List<TensorShape> inputs, TensorShape output, Decisions d) {
    return Math.multiplyExact(inputs.get(0).dim(1), params(inputs, d));
  }
}
