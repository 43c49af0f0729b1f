package dev.jnas.nn;

/** The Gaussian error linear unit, as PyTorch's {@code nn.GELU}. */
public final class GELU extends ParameterlessLayer {
  public GELU() {
    super(dev.jnas.ir.op.Gelu::new);
  }
}
