package dev.jnas.nn;

import dev.jnas.ir.op.GeluOp;

/** The Gaussian error linear unit, as PyTorch's {@code nn.GELU}. */
public final class GELU extends ParameterlessLayer {
  /** A GELU activation. */
  public GELU() {
    super(GeluOp::new);
  }
}
