package dev.jnas.nn;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.List;
import java.util.function.Function;

/**
 * Long short-term memory layers over a batch-first sequence (N, T, in), as PyTorch's
 * {@code nn.LSTM(in, hidden, batch_first=True)}: gives the whole sequence (N, T, hidden), or with
 * {@link #lastStep()} the last step's output (N, hidden).
 */
public final class LSTM extends Layer {
  private final Object in;
  private final Object hidden;
  private Object layers = 1;
  private Object sequence = true;

  public LSTM(Object in, Object hidden) {
    this.in = sizeArg("LSTM", "in", in);
    this.hidden = arg("LSTM", "hidden", hidden);
  }

  /** Stacked layers (default 1). */
  public LSTM layers(Object layers) {
    this.layers = arg("LSTM", "layers", layers);
    return this;
  }

  /** Gives only the last step's output, (N, hidden), as a classifier head reads it. */
  public LSTM lastStep() {
    this.sequence = false;
    return this;
  }

  @Override
  PrimitiveOp op(Function<Object, Expr> a) {
    return new dev.jnas.ir.op.Lstm(a.apply(in), a.apply(hidden), a.apply(layers), a.apply(sequence));
  }

  @Override
  List<String> describe(Function<Object, String> r) {
    List<String> out = list(r.apply(in), r.apply(hidden));
    option(out, "layers", layers, 1, r);
    option(out, "sequence", sequence, true, r);
    return out;
  }
}
