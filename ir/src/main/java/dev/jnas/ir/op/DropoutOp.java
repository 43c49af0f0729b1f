package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.IrException;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import java.util.List;

/** Zeroes each element with probability p while training; the identity at inference. */
public record DropoutOp(@Default("0.5") Expr p) implements PrimitiveOp {

  @Override
  public TensorShape outputShape(List<TensorShape> inputs, Decisions d) {
    double p = Attr.number(this.p, "p", d);
    // The runtime's float rounds a p just below 1 up to 1, which would drop everything.
    if (p < 0 || (float) p >= 1) {
      throw new IrException("attribute 'p' must be in [0, 1), got " + p + (p >= 0 && p < 1 ? ", which a 32-bit float rounds to 1" : ""));
    }
    return inputs.get(0);
  }

  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.dropout(this);
  }
}
