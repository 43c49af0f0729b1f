package dev.jnas.nn;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.DropoutOp;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.List;
import java.util.function.Function;

/** Dropout with probability {@code p} (0.5 by default), as PyTorch's {@code nn.Dropout}. */
public final class Dropout extends Layer {
  private final Object p;

  /** Dropout with probability 0.5. */
  public Dropout() {
    this(0.5);
  }

  /** Dropout that zeroes each element with probability {@code p} (a number or a {@link ValueChoice}) while training. */
  public Dropout(Object p) {
    this.p = arg("Dropout", "p", p);
  }

  @Override
  PrimitiveOp op(Function<Object, Expr> a) {
    return new DropoutOp(a.apply(p));
  }

  @Override
  List<String> describe(Function<Object, String> r) {
    return list("p=" + r.apply(p));
  }
}
