package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.IrException;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import java.util.List;

/**
 * Multi-head scaled dot-product self-attention over (N, T, embed): query, key and value
 * projections, softmax(QK^T / sqrt(embed / heads)) V per head, and an output projection.
 */
public record MultiHeadAttentionOp(Expr embed, Expr heads) implements PrimitiveOp {

  @Override
  public TensorShape outputShape(List<TensorShape> inputs, Decisions d) {
    TensorShape x = inputs.get(0);
    Attr.rank(x, 3, "(N, T, embed)");
    int embed = Attr.sizeOrAuto(this.embed, "embed", x.dim(2), d);
    int heads = Attr.atLeast(1, this.heads, "heads", d);
    if (x.dim(2) != embed) {
      throw new IrException("expects " + embed + " features per step (embed=" + embed + "), got input " + x);
    }
    if (embed % heads != 0) {
      throw new IrException("heads=" + heads + " must divide embed=" + embed);
    }
    return x;
  }

  @Override
  public long params(List<TensorShape> inputs, Decisions d) {
    long embed = Attr.sizeOrAuto(this.embed, "embed", inputs.get(0).dim(2), d);
    return 4 * (embed * embed + embed);
  }

  @Override
  public long flops(List<TensorShape> inputs, TensorShape output, Decisions d) {
    long t = inputs.get(0).dim(1);
    long embed = inputs.get(0).dim(2);
    return Math.addExact(Math.multiplyExact(4 * t, embed * embed), Math.multiplyExact(2 * t * t, embed));
  }

  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.multiHeadAttention(this);
  }
}
