package dev.jnas.nn;

import dev.jnas.ir.op.ReluOp;

/** max(x, 0), as PyTorch's {@code nn.ReLU}. */
public final class ReLU extends ParameterlessLayer {
  /** A ReLU activation. */
  public ReLU() {
    super(ReluOp::new);
  }
}
