package dev.jnas.ir.op;

import dev.jnas.ir.IrException;

/**
 * The range rule for an op's number attributes ({@code eps}, {@code momentum}, {@code p}), which
 * PyTorch and ONNX define as 32-bit floats, as does every backend jnas generates for: a value fits
 * when narrowing it to {@code float} leaves it finite and leaves a nonzero value nonzero, exactly
 * what a Java {@code float} literal accepts. Rounding to float precision is expected; turning into
 * infinity or zero is not. Op shape rules apply it (so tracing, parsing and building a graph refuse
 * such a value), and code emitters narrow through it.
 */
public final class Float32 {
  private Float32() {}

  /** Whether {@code value} survives narrowing to a float (NaN and infinities never do). */
  public static boolean fits(double value) {
    float narrowed = (float) value;
    return Float.isFinite(narrowed) && (narrowed != 0 || value == 0);
  }

  /** {@code value} as a float; an error naming {@code attribute} when it does not {@link #fits fit}. */
  public static float narrow(double value, String attribute) {
    if (!fits(value)) {
      throw new IrException("attribute '" + attribute + "' = " + value + " does not fit in a 32-bit float"
          + " (0, or magnitudes from " + Float.MIN_VALUE + " to " + Float.MAX_VALUE + ")");
    }
    return (float) value;
  }
}
