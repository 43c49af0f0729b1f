package dev.jnas.nn;

import dev.jnas.ir.IrException;
import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.expr.Values;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A built-in layer: one IR op. Its numeric and boolean arguments are fields named after the op's
 * attributes, each a constant or a {@link ValueChoice} (labelled {@code layer.attribute} unless
 * labelled otherwise).
 */
public abstract class Layer extends NasModule {
  /**
   * For {@code Conv2d}'s {@code in}, {@code Linear}'s {@code in} and {@code BatchNorm2d}'s
   * {@code features}: the size comes from the input, as DJL's and PyTorch's lazy layers.
   */
  public static final String AUTO = "auto";

  Layer() {}

  /** The IR op, each attribute turned into an expression by {@code attr}. */
  abstract PrimitiveOp op(Function<Object, Expr> attr);

  /** Arguments for the printout, rendered by {@code render}. */
  abstract List<String> describe(Function<Object, String> render);

  @Override
  public final Tensor forward(Tensor x) {
    return Trace.current("forward of " + getClass().getSimpleName()).layer(this, x);
  }

  @Override
  public final Tensor forward(Tensor... inputs) {
    if (inputs.length != 1) {
      throw new SpaceException(getClass().getSimpleName() + " takes 1 input, got " + inputs.length);
    }
    return forward(inputs[0]);
  }

  /** Checks a size argument that may also be {@link #AUTO}. */
  static Object sizeArg(String layer, String name, Object value) {
    return AUTO.equals(value) ? AUTO : arg(layer, name, value);
  }

  /** Checks a constructor argument: a number, a boolean or a ValueChoice. */
  static Object arg(String layer, String name, Object value) {
    if (value instanceof ValueChoice<?>) {
      return value;
    }
    if (value instanceof Number || value instanceof Boolean) {
      try {
        return Values.normalize(value);
      } catch (IrException e) {
        throw new SpaceException(layer + " argument '" + name + "': " + e.getMessage(), e);
      }
    }
    throw new SpaceException(layer + " argument '" + name + "' must be a number, a boolean or a ValueChoice, got "
        + (value == null ? "null" : value.getClass().getSimpleName() + " " + value));
  }

  /** {@code name=value} for the printout, or nothing when the value is {@code fallback}. */
  static void option(List<String> out, String name, Object value, Object fallback, Function<Object, String> render) {
    if (!(value instanceof ValueChoice<?>) && value.equals(fallback)) {
      return;
    }
    out.add(name + "=" + render.apply(value));
  }

  static List<String> list(Object... items) {
    List<String> out = new ArrayList<>();
    for (Object o : items) {
      out.add(String.valueOf(o));
    }
    return out;
  }
}
