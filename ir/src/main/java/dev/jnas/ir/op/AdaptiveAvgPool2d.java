package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.Shape;
import java.util.List;

/** Global average pooling of (N, C, H, W) to (N, C, 1, 1). */
public record AdaptiveAvgPool2d() implements PrimitiveOp {

  @Override
  public Shape outputShape(List<Shape> inputs, Decisions d) {
    Shape x = inputs.get(0);
    Attr.rank(x, 4, "(N, C, H, W)");
    return Shape.of(x.dim(0), x.dim(1), 1, 1);
  }

  @Override
  public long flops(List<Shape> inputs, Shape output, Decisions d) {
    return inputs.get(0).elementsPerExample();
  }

  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.adaptiveAvgPool2d(this);
  }
}
