package dev.jnas.nn;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.AdaptiveAvgPool2dOp;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.List;
import java.util.function.Function;

/** Global average pooling to 1x1, as PyTorch's {@code nn.AdaptiveAvgPool2d(1)}. */
public final class AdaptiveAvgPool2d extends Layer {
  /** Pools each channel to a single value (output size 1). */
  public AdaptiveAvgPool2d() {}

  /** Only an output size of 1 is supported. */
  public AdaptiveAvgPool2d(int outputSize) {
    if (outputSize != 1) {
      throw new SpaceException("AdaptiveAvgPool2d supports an output size of 1 only, not " + outputSize);
    }
  }

  @Override
  PrimitiveOp op(Function<Object, Expr> a) {
    return new AdaptiveAvgPool2dOp();
  }

  @Override
  List<String> describe(Function<Object, String> r) {
    return List.of("1");
  }
}
