package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.IrException;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import java.util.List;

/**
 * {@code x[..., start:end:step, ...]} along one non-batch dimension, with Python's rules:
 * negative bounds count from the end, bounds past the end are clipped.
 */
public record SliceOp(Expr dim, Expr start, Expr end, @Default("1") Expr step) implements PrimitiveOp {

  @Override
  public TensorShape outputShape(List<TensorShape> inputs, Decisions d) {
    TensorShape x = inputs.get(0);
    int dim = Attr.integer(this.dim, "dim", d);
    int axis = x.axis(dim);
    if (axis < 1) {
      throw new IrException("dim " + dim + " must name a non-batch dimension of input " + x);
    }
    long[] range = range(x.dim(axis), d);
    long length = Math.max(0, (range[1] - range[0] + range[2] - 1) / range[2]);
    if (length == 0) {
      throw new IrException("slice " + range[0] + ":" + range[1] + " of dimension " + axis + " of input " + x + " is empty");
    }
    return x.withDim(axis, length);
  }

  /** The clipped {start, end, step} of this slice on a dimension of {@code size}. */
  public long[] range(long size, Decisions d) {
    long step = Attr.atLeast(1, this.step, "step", d);
    long from = clip(Attr.integer(start, "start", d), size);
    long to = clip(Attr.integer(end, "end", d), size);
    return new long[] {from, Math.max(from, to), step};
  }

  private static long clip(long bound, long size) {
    long b = bound < 0 ? bound + size : bound;
    return Math.max(0, Math.min(size, b));
  }

  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.slice(this);
  }
}
