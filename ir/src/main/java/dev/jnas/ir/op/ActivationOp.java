package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.TensorShape;
import java.util.List;

/** An element-wise activation: same shape out, one operation per element. */
public sealed interface ActivationOp extends PrimitiveOp
    permits ReluOp, Relu6Op, SigmoidOp, TanhOp, GeluOp, SwishOp {

  @Override
  default TensorShape outputShape(List<TensorShape> inputs, Decisions decisions) {
    return inputs.get(0);
  }

  @Override
  default long flops(List<TensorShape> inputs, TensorShape output, Decisions decisions) {
    return output.elementsPerExample();
  }
}
