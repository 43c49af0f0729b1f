package dev.jnas.nn;

import dev.jnas.ir.op.Relu6Op;

/** min(max(x, 0), 6), as PyTorch's {@code nn.ReLU6}. */
public final class ReLU6 extends ParameterlessLayer {
  /** A ReLU activation capped at 6. */
  public ReLU6() {
    super(Relu6Op::new);
  }
}
