package dev.jnas.nn;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.MultiHeadAttentionOp;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.List;
import java.util.function.Function;

/**
 * Multi-head self-attention over (N, T, embed), as PyTorch's {@code nn.MultiheadAttention(embed,
 * heads, batch_first=True)} called with the same tensor as query, key and value.
 */
public final class MultiHeadAttention extends Layer {
  private final Object embed;
  private final Object heads;

  /**
   * Self-attention over {@code embed} features (or {@link Layer#AUTO}) split into {@code heads} heads; each is a
   * number or a {@link ValueChoice}.
   */
  public MultiHeadAttention(Object embed, Object heads) {
    this.embed = sizeArg("MultiHeadAttention", "embed", embed);
    this.heads = arg("MultiHeadAttention", "heads", heads);
  }

  @Override
  PrimitiveOp op(Function<Object, Expr> a) {
    return new MultiHeadAttentionOp(a.apply(embed), a.apply(heads));
  }

  @Override
  List<String> describe(Function<Object, String> r) {
    return list(r.apply(embed), "heads=" + r.apply(heads));
  }
}
