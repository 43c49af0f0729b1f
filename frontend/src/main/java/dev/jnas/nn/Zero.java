package dev.jnas.nn;

import dev.jnas.ir.op.ZeroOp;

/** Zeros shaped like its input: DARTS's "none" candidate. */
public final class Zero extends ParameterlessLayer {
  /** A layer whose output is zeros of the input's shape. */
  public Zero() {
    super(ZeroOp::new);
  }
}
