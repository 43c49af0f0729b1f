package dev.jnas.nn;

/** min(max(x, 0), 6), as PyTorch's {@code nn.ReLU6}. */
public final class ReLU6 extends ParameterlessLayer {
  public ReLU6() {
    super(dev.jnas.ir.op.Relu6::new);
  }
}
