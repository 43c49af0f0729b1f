package dev.jnas.nn;

import dev.jnas.ir.op.IdentityOp;

/** Passes its input through, as PyTorch's {@code nn.Identity}; a skip-connection candidate. */
public final class Identity extends ParameterlessLayer {
  /** A layer that passes its input through unchanged. */
  public Identity() {
    super(IdentityOp::new);
  }
}
