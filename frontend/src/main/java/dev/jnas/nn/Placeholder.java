package dev.jnas.nn;

import dev.jnas.ir.IrException;
import dev.jnas.ir.expr.Values;
import dev.jnas.ir.op.PlaceholderOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A slot in a space that a custom mutator fills, as NNI's {@code nn.Placeholder(label,
 * **related_info)}: it traces to a placeholder node that no sample decides, and an architecture
 * is complete only once a custom mutator (passed to {@code NasExperiment} or
 * {@code Mutators.freeze}) has replaced it. It declares its output shape so the rest of the space
 * is shape-checked: its input's ({@code new Placeholder("act")}), or sizes per example without the
 * batch, where 0 copies the input's size there ({@code new Placeholder("stem", 64, 0, 0)}: 64
 * channels at the input's height and width). {@link #info} passes what the mutator needs.
 */
public final class Placeholder extends NasModule {
  final String label;
  /** Null: the input's shape. */
  final List<Integer> dims;
  final Map<String, Object> info = new LinkedHashMap<>();

  /** A placeholder whose output has its input's shape. */
  public Placeholder(String label) {
    this.label = SpaceException.label(label, "a Placeholder");
    this.dims = null;
  }

  /** A placeholder whose output is {@code dims} per example (the batch not listed; 0 copies the input's size there). */
  public Placeholder(String label, int... dims) {
    this.label = SpaceException.label(label, "a Placeholder");
    List<Integer> list = new ArrayList<>();
    for (int d : dims) {
      if (d < 0) {
        throw new SpaceException("Placeholder '" + label + "' dims must be sizes of at least 1, or 0 to copy the input's size, got "
            + java.util.Arrays.toString(dims));
      }
      list.add(d);
    }
    this.dims = List.copyOf(list);
  }

  /** Adds {@code key = value} (a number, boolean, string, or a list or map of these) to what the mutator reads. */
  public Placeholder info(String key, Object value) {
    if (value instanceof ValueChoice<?>) {
      throw new SpaceException("Placeholder '" + label + "' info '" + key + "' must be a literal, not a ValueChoice:"
          + " a custom mutator declares the choices of what replaces it");
    }
    try {
      info.put(key, Values.normalize(value));
    } catch (IrException e) {
      throw new SpaceException("Placeholder '" + label + "' info '" + key + "': " + e.getMessage(), e);
    }
    return this;
  }

  /** The IR op this placeholder traces to. */
  PlaceholderOp op() {
    return dims == null
        ? PlaceholderOp.sameShape(label, info)
        : PlaceholderOp.withDims(label, dims, info);
  }

  @Override
  public Tensor forward(Tensor x) {
    return Trace.current("forward of Placeholder").placeholder(this, x);
  }

  @Override
  public Tensor forward(Tensor... inputs) {
    if (inputs.length != 1) {
      throw new SpaceException("Placeholder '" + label + "' takes 1 input, got " + inputs.length);
    }
    return forward(inputs[0]);
  }
}
