package dev.jnas.nn;

import dev.jnas.ir.op.SigmoidOp;

/** The logistic sigmoid, as PyTorch's {@code nn.Sigmoid}. */
public final class Sigmoid extends ParameterlessLayer {
  public Sigmoid() {
    super(SigmoidOp::new);
  }
}
