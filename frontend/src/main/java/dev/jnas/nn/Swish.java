package dev.jnas.nn;

/** x * sigmoid(x), as PyTorch's {@code nn.SiLU}. */
public final class Swish extends ParameterlessLayer {
  public Swish() {
    super(dev.jnas.ir.op.Swish::new);
  }
}
