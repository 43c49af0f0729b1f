package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.IrException;
import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.expr.Values;
import java.util.ArrayList;
import java.util.List;

/** Typed reads of op attributes under a set of decisions, with errors naming the attribute. */
final class Attr {
  private Attr() {}

  static int integer(Expr expr, String name, Decisions decisions) {
    Object value = expr.evaluate(decisions);
    if (value instanceof Integer i) {
      return i;
    }
    throw new IrException("attribute '" + name + "' must be an int, got " + Values.describe(value));
  }

  static int atLeast(int min, Expr expr, String name, Decisions decisions) {
    int value = integer(expr, name, decisions);
    if (value < min) {
      throw new IrException("attribute '" + name + "' must be at least " + min + ", got " + value);
    }
    return value;
  }

  /** The text of an attribute that takes its size from the input (as DJL's and PyTorch's lazy layers). */
  static final String AUTO = "auto";

  /**
   * A size attribute that may be {@code "auto"}: then it is the input's size {@code actual}.
   */
  static int sizeOrAuto(Expr expr, String name, long actual, Decisions decisions) {
    Object value = expr.evaluate(decisions);
    if (AUTO.equals(value)) {
      if (actual == dev.jnas.ir.Shape.UNKNOWN || actual > Integer.MAX_VALUE) {
        throw new IrException("attribute '" + name + "' is \"auto\" but the input's size there is unknown");
      }
      return (int) actual;
    }
    return atLeast(1, expr, name, decisions);
  }

  /** A number attribute; the runtime holds every one as a 32-bit float, so it must {@link Float32#fits fit} one. */
  static double number(Expr expr, String name, Decisions decisions) {
    Object value = expr.evaluate(decisions);
    if (value instanceof Integer || value instanceof Double) {
      double number = ((Number) value).doubleValue();
      Float32.narrow(number, name);
      return number;
    }
    throw new IrException("attribute '" + name + "' must be a number, got " + Values.describe(value));
  }

  static boolean bool(Expr expr, String name, Decisions decisions) {
    Object value = expr.evaluate(decisions);
    if (value instanceof Boolean b) {
      return b;
    }
    throw new IrException("attribute '" + name + "' must be a boolean, got " + Values.describe(value));
  }

  static List<Integer> ints(Expr expr, String name, Decisions decisions) {
    Object value = expr.evaluate(decisions);
    if (value instanceof List<?> list && list.stream().allMatch(Integer.class::isInstance)) {
      List<Integer> out = new ArrayList<>();
      list.forEach(e -> out.add((Integer) e));
      return out;
    }
    throw new IrException(
        "attribute '" + name + "' must be a list of ints, got " + Values.describe(value));
  }

  /** Requires {@code input} to have {@code rank} dimensions, naming the op's expectation. */
  static void rank(dev.jnas.ir.Shape input, int rank, String layout) {
    if (input.rank() != rank) {
      throw new IrException("expects a rank-" + rank + " input " + layout + ", got " + input);
    }
  }

  /** A spatial output size of a window op; an error when the window does not fit. */
  static long window(long size, int kernel, int stride, int padding, int dilation) {
    if (size == dev.jnas.ir.Shape.UNKNOWN) {
      return size;
    }
    long span = (long) dilation * (kernel - 1) + 1;
    long out = Math.floorDiv(size + 2L * padding - span, stride) + 1;
    if (out < 1) {
      throw new IrException(
          "window of " + kernel + (dilation > 1 ? " (dilation " + dilation + ")" : "")
              + " with padding " + padding + " does not fit a spatial size of " + size);
    }
    return out;
  }

}
