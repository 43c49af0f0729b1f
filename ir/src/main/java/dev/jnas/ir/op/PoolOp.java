package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.IrException;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import java.util.List;

/** A 2-D pooling window over (N, C, H, W): shared shape rule and cost of max and average pools. */
public sealed interface PoolOp extends PrimitiveOp permits MaxPool2dOp, AvgPool2dOp {
  Expr kernel();

  Expr stride();

  Expr padding();

  @Override
  default TensorShape outputShape(List<TensorShape> inputs, Decisions d) {
    TensorShape x = inputs.get(0);
    Attr.rank(x, 4, "(N, C, H, W)");
    int k = Attr.atLeast(1, kernel(), "kernel", d);
    int s = Attr.atLeast(1, stride(), "stride", d);
    int p = Attr.atLeast(0, padding(), "padding", d);
    if (2 * p > k) {
      throw new IrException("padding " + p + " must be at most half the kernel " + k);
    }
    return TensorShape.of(x.dim(0), x.dim(1), Attr.window(x.dim(2), k, s, p, 1), Attr.window(x.dim(3), k, s, p, 1));
  }

  @Override
  default long flops(List<TensorShape> inputs, TensorShape output, Decisions d) {
    long k = Attr.integer(kernel(), "kernel", d);
    return Math.multiplyExact(output.elementsPerExample(), k * k);
  }
}
