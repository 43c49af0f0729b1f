package dev.jnas.nn;

/** Zeros shaped like its input: DARTS's "none" candidate. */
public final class Zero extends ParameterlessLayer {
  public Zero() {
    super(dev.jnas.ir.op.Zero::new);
  }
}
