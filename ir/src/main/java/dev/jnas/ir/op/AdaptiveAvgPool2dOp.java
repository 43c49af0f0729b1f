package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.TensorShape;
import java.util.List;

/** Global average pooling of (N, C, H, W) to (N, C, 1, 1). */
public record AdaptiveAvgPool2dOp() implements PrimitiveOp {

  @Override
  public TensorShape outputShape(List<TensorShape> inputs, Decisions d) {
    TensorShape x = inputs.get(0);
    Attr.rank(x, 4, "(N, C, H, W)");
    return TensorShape.of(x.dim(0), x.dim(1), 1, 1);
  }

  @Override
  public long flops(List<TensorShape> inputs, TensorShape output, Decisions d) {
    return inputs.get(0).elementsPerExample();
  }

  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.adaptiveAvgPool2d(this);
  }
}
