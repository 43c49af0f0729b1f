package dev.jnas.nn;

import dev.jnas.ir.op.GeluOp;

/** The Gaussian error linear unit, as PyTorch's {@code nn.GELU}. */
public final class GELU extends ParameterlessLayer {
  public GELU() {
    super(GeluOp::new);
  }
}
