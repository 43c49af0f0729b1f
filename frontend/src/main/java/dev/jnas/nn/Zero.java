package dev.jnas.nn;

import dev.jnas.ir.op.ZeroOp;

/** Zeros shaped like its input: DARTS's "none" candidate. */
public final class Zero extends ParameterlessLayer {
  public Zero() {
    super(ZeroOp::new);
  }
}
