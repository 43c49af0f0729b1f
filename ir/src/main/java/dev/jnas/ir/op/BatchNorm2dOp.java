package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.IrException;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import java.util.List;

/** Batch normalisation over the channels of (N, C, H, W), with a learned scale and shift; {@code features} may be {@code "auto"}. */
public record BatchNorm2dOp(Expr features, @Default("1.0E-5") Expr eps, @Default("0.1") Expr momentum)
    implements PrimitiveOp {

  @Override
  public TensorShape outputShape(List<TensorShape> inputs, Decisions d) {
    TensorShape x = inputs.get(0);
    Attr.rank(x, 4, "(N, C, H, W)");
    int features = Attr.batchNorm(this.features, eps, momentum, x, d);
    if (x.dim(1) != features) {
      throw new IrException("expects " + features + " channels (features=" + features + "), got input " + x);
    }
    return x;
  }

  @Override
  public long params(List<TensorShape> inputs, Decisions d) {
    return 2L * Attr.sizeOrAuto(features, "features", inputs.get(0).dim(1), d);
  }

  @Override
  public long flops(List<TensorShape> inputs, TensorShape output, Decisions d) {
    return output.elementsPerExample();
  }

  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.batchNorm2d(this);
  }
}
