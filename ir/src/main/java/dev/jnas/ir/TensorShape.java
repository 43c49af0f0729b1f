package dev.jnas.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A tensor shape. A dimension of {@link #UNKNOWN} (printed {@code N}) is the batch size, known only
 * at run time; static analysis counts per example, so it never multiplies by it.
 */
public record TensorShape(List<Long> dims) {
  /** The symbolic batch dimension. */
  public static final long UNKNOWN = -1;

  public TensorShape {
    dims = List.copyOf(dims);
    for (long d : dims) {
      if (d < 0 && d != UNKNOWN) {
        throw new IrException("shape " + render(dims) + " has a negative dimension");
      }
    }
  }

  public static TensorShape of(long... dims) {
    List<Long> list = new ArrayList<>(dims.length);
    for (long d : dims) {
      list.add(d);
    }
    return new TensorShape(list);
  }

  /** A batch of examples of shape {@code dims}: {@code (N, dims...)}. */
  public static TensorShape batchOf(long... dims) {
    List<Long> list = new ArrayList<>(dims.length + 1);
    list.add(UNKNOWN);
    for (long d : dims) {
      list.add(d);
    }
    return new TensorShape(list);
  }

  public int rank() {
    return dims.size();
  }

  public long dim(int i) {
    return dims.get(i);
  }

  /** A dimension index that may be negative (counted from the end), normalised; -1 if out of range. */
  public int axis(int dim) {
    int axis = dim < 0 ? dim + rank() : dim;
    return axis < 0 || axis >= rank() ? -1 : axis;
  }

  public TensorShape withDim(int i, long value) {
    List<Long> copy = new ArrayList<>(dims);
    copy.set(i, value);
    return new TensorShape(copy);
  }

  /** This shape with one more dimension {@code value} at the end. */
  public TensorShape appended(long value) {
    List<Long> copy = new ArrayList<>(dims);
    copy.add(value);
    return new TensorShape(copy);
  }

  /** Elements of one example: the product of every dimension but the first (the batch). */
  public long elementsPerExample() {
    long product = 1;
    for (int i = 1; i < dims.size(); i++) {
      product = Math.multiplyExact(product, dims.get(i) == UNKNOWN ? 1 : dims.get(i));
    }
    return product;
  }

  @Override
  public String toString() {
    return render(dims);
  }

  private static String render(List<Long> dims) {
    return dims.stream()
        .map(d -> d == UNKNOWN ? "N" : Long.toString(d))
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
