package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.IrException;
import dev.jnas.ir.TensorShape;
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
      if (actual == TensorShape.UNKNOWN || actual > Integer.MAX_VALUE) {
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

  /**
   * The checks every batch norm makes: features (or "auto") equal to the input's dimension 1, a
   * positive eps and a momentum in [0, 1]; returns the features.
   */
  static int batchNorm(Expr features, Expr eps, Expr momentum, TensorShape x, Decisions d) {
    int n = sizeOrAuto(features, "features", x.dim(1), d);
    if (number(eps, "eps", d) <= 0) {
      throw new IrException("attribute 'eps' must be positive");
    }
    double m = number(momentum, "momentum", d);
    if (m < 0 || m > 1) {
      throw new IrException("attribute 'momentum' must be in [0, 1], got " + m);
    }
    return n;
  }

  /**
   * The channel checks of a convolution: {@code in} (or "auto") equal to the input's channels,
   * {@code out} at least 1, groups dividing both; returns {in, out, groups}.
   */
  static int[] channels(Expr in, Expr out, Expr groups, TensorShape x, Decisions d) {
    int i = sizeOrAuto(in, "in", x.dim(1), d);
    int o = atLeast(1, out, "out", d);
    int g = atLeast(1, groups, "groups", d);
    if (i % g != 0 || o % g != 0) {
      throw new IrException("groups=" + g + " must divide in=" + i + " and out=" + o);
    }
    if (x.dim(1) != TensorShape.UNKNOWN && x.dim(1) != i) {
      throw new IrException("expects " + i + " input channels (in=" + i + "), got input " + x);
    }
    return new int[] {i, o, g};
  }

  /** Requires {@code input} to have {@code rank} dimensions, naming the op's expectation. */
  static void rank(TensorShape input, int rank, String layout) {
    if (input.rank() != rank) {
      throw new IrException("expects a rank-" + rank + " input " + layout + ", got " + input);
    }
  }

  /** A spatial output size of a window op; an error when the window does not fit. */
  static long window(long size, int kernel, int stride, int padding, int dilation) {
    if (size == TensorShape.UNKNOWN) {
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
