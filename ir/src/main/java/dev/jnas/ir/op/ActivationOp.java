package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.Shape;
import java.util.List;

/** An element-wise activation: same shape out, one operation per element. */
public sealed interface ActivationOp extends PrimitiveOp
    permits Relu, Relu6, Sigmoid, Tanh, Gelu, Swish {

  @Override
  default Shape outputShape(List<Shape> inputs, Decisions decisions) {
    return inputs.get(0);
  }

  @Override
  default long flops(List<Shape> inputs, Shape output, Decisions decisions) {
    return output.elementsPerExample();
  }
}
