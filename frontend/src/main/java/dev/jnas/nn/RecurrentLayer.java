package dev.jnas.nn;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.List;
import java.util.function.Function;

/**
 * What {@link LSTM} and {@link GRU} share: a batch-first sequence (N, T, in) in, the whole
 * sequence (N, T, hidden) or with {@link #lastStep()} the last step's output (N, hidden) out.
 */
public abstract class RecurrentLayer<T extends RecurrentLayer<T>> extends Layer {
  private final String kind;
  private final Object in;
  private final Object hidden;
  private Object layers = 1;
  private Object sequence = true;

  RecurrentLayer(String kind, Object in, Object hidden) {
    this.kind = kind;
    this.in = sizeArg(kind, "in", in);
    this.hidden = arg(kind, "hidden", hidden);
  }

  /** The op of this kind with these attributes. */
  abstract PrimitiveOp op(Expr in, Expr hidden, Expr layers, Expr sequence);

  abstract T self();

  /** Stacked layers (default 1). */
  public T layers(Object layers) {
    this.layers = arg(kind, "layers", layers);
    return self();
  }

  /** Gives only the last step's output, (N, hidden), as a classifier head reads it. */
  public T lastStep() {
    this.sequence = false;
    return self();
  }

  @Override
  final PrimitiveOp op(Function<Object, Expr> a) {
    return op(a.apply(in), a.apply(hidden), a.apply(layers), a.apply(sequence));
  }

  @Override
  final List<String> describe(Function<Object, String> r) {
    List<String> out = list(r.apply(in), r.apply(hidden));
    option(out, "layers", layers, 1, r);
    option(out, "sequence", sequence, true, r);
    return out;
  }
}
