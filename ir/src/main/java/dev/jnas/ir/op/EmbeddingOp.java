package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import java.util.List;

/**
 * A lookup table: each input element, an index below {@code count} (carried as a float, as data
 * pipelines give it), becomes a learned vector of {@code dim}: (N, ...) to (N, ..., dim).
 */
public record EmbeddingOp(Expr count, Expr dim) implements PrimitiveOp {

  @Override
  public TensorShape outputShape(List<TensorShape> inputs, Decisions d) {
    Attr.atLeast(1, count, "count", d);
    return inputs.get(0).appended(Attr.atLeast(1, dim, "dim", d));
  }

  @Override
  public long params(List<TensorShape> inputs, Decisions d) {
    return Math.multiplyExact((long) Attr.integer(count, "count", d), Attr.integer(dim, "dim", d));
  }

  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.embedding(this);
  }
}
