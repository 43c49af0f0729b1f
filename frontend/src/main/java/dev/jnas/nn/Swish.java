package dev.jnas.nn;

import dev.jnas.ir.op.SwishOp;

/** x * sigmoid(x), as PyTorch's {@code nn.SiLU}. */
public final class Swish extends ParameterlessLayer {
  public Swish() {
    super(SwishOp::new);
  }
}
