package dev.jnas.nn;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.EmbeddingOp;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.List;
import java.util.function.Function;

/** A lookup table of {@code count} learned vectors of size {@code dim}, as PyTorch's {@code nn.Embedding}. */
public final class Embedding extends Layer {
  private final Object count;
  private final Object dim;

  /**
   * A lookup table of {@code count} embeddings, each of size {@code dim}; each is a number or a {@link
   * ValueChoice}.
   */
  public Embedding(Object count, Object dim) {
    this.count = arg("Embedding", "count", count);
    this.dim = arg("Embedding", "dim", dim);
  }

  @Override
  PrimitiveOp op(Function<Object, Expr> a) {
    return new EmbeddingOp(a.apply(count), a.apply(dim));
  }

  @Override
  List<String> describe(Function<Object, String> r) {
    return list(r.apply(count), r.apply(dim));
  }
}
