package dev.jnas.nn;

/** max(x, 0), as PyTorch's {@code nn.ReLU}. */
public final class ReLU extends ParameterlessLayer {
  public ReLU() {
    super(dev.jnas.ir.op.Relu::new);
  }
}
