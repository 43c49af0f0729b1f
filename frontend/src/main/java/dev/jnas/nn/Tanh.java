package dev.jnas.nn;

/** The hyperbolic tangent, as PyTorch's {@code nn.Tanh}. */
public final class Tanh extends ParameterlessLayer {
  public Tanh() {
    super(dev.jnas.ir.op.Tanh::new);
  }
}
