package dev.jnas.nn;

import dev.jnas.ir.op.SwishOp;

/** x * sigmoid(x), as PyTorch's {@code nn.SiLU}. */
public final class Swish extends ParameterlessLayer {
  /** A Swish (SiLU) activation, {@code x * sigmoid(x)}. */
  public Swish() {
    super(SwishOp::new);
  }
}
