package dev.jnas.nn;

import dev.jnas.ir.op.TanhOp;

/** The hyperbolic tangent, as PyTorch's {@code nn.Tanh}. */
public final class Tanh extends ParameterlessLayer {
  /** A tanh activation. */
  public Tanh() {
    super(TanhOp::new);
  }
}
