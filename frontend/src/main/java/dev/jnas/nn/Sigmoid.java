package dev.jnas.nn;

/** The logistic sigmoid, as PyTorch's {@code nn.Sigmoid}. */
public final class Sigmoid extends ParameterlessLayer {
  public Sigmoid() {
    super(dev.jnas.ir.op.Sigmoid::new);
  }
}
