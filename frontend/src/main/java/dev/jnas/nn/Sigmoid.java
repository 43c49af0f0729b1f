package dev.jnas.nn;

import dev.jnas.ir.op.SigmoidOp;

/** The logistic sigmoid, as PyTorch's {@code nn.Sigmoid}. */
public final class Sigmoid extends ParameterlessLayer {
  /** A sigmoid activation. */
  public Sigmoid() {
    super(SigmoidOp::new);
  }
}
