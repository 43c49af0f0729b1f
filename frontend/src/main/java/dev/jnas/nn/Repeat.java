package dev.jnas.nn;

import dev.jnas.ir.IrException;
import dev.jnas.ir.expr.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A chain of a block repeated {@code depth} times. The depth is an int, a range
 * ({@code minDepth..maxDepth}), a {@link ValueChoice} of ints, or an expression over choices
 * that gives ints (such as {@code depth.plus(1)}). A block module is copied for every position;
 * a factory makes position i's own block.
 */
public final class Repeat extends NasModule {
  final List<NasModule> blocks = new ArrayList<>();
  final Object depth;
  final int maxDepth;
  String explicitLabel;

  /**
   * Repeats copies of {@code block} {@code depth} times: a non-negative int or a {@link ValueChoice} (or
   * expression) giving non-negative ints, else {@link SpaceException}.
   */
  public Repeat(NasModule block, Object depth) {
    this.depth = depth(depth);
    this.maxDepth = maxDepth(this.depth);
    blocks.add(block);
  }

  /**
   * Repeats copies of {@code block} a chosen number of times from {@code minDepth} to {@code maxDepth}; throws
   * {@link SpaceException} unless {@code 0 <= minDepth <= maxDepth}.
   */
  public Repeat(NasModule block, int minDepth, int maxDepth) {
    this(block, range(minDepth, maxDepth));
  }

  /**
   * Repeats blocks made by {@code factory} (given the position, from 0) {@code depth} times: a non-negative int or
   * a {@link ValueChoice} (or expression) giving non-negative ints, else {@link SpaceException}.
   */
  public Repeat(IntFunction<? extends NasModule> factory, Object depth) {
    this.depth = depth(depth);
    this.maxDepth = maxDepth(this.depth);
    for (int i = 0; i < Math.max(1, maxDepth); i++) {
      blocks.add(factory.apply(i));
    }
  }

  /**
   * Repeats blocks made by {@code factory} (given the position) a chosen number of times from {@code minDepth} to
   * {@code maxDepth}; throws {@link SpaceException} unless {@code 0 <= minDepth <= maxDepth}.
   */
  public Repeat(IntFunction<? extends NasModule> factory, int minDepth, int maxDepth) {
    this(factory, range(minDepth, maxDepth));
  }

  /** Labels the depth choice (by default, the depth choice's own label or this field's path). */
  public Repeat label(String label) {
    this.explicitLabel = SpaceException.label(label, "a Repeat");
    return this;
  }

  /**
   * Decisions for the depth's choices that give the smallest depth of at least {@code depth}, or
   * null when no decision gets there.
   */
  java.util.Map<ValueChoice.Leaf<?>, Object> smallestDepthReaching(int depth) {
    java.util.Map<ValueChoice.Leaf<?>, Object> best = null;
    int bestDepth = Integer.MAX_VALUE;
    for (java.util.Map<ValueChoice.Leaf<?>, Object> d : decisions(this.depth)) {
      int reached = (Integer) ValueChoice.evaluate(this.depth, d::get);
      if (reached >= depth && reached < bestDepth) {
        best = d;
        bestDepth = reached;
      }
    }
    return best;
  }

  /** The block at {@code position}. */
  NasModule block(int position) {
    return blocks.size() == 1 ? blocks.get(0) : blocks.get(position);
  }

  @Override
  public Tensor forward(Tensor x) {
    return Trace.current("Repeat.forward").repeat(this, x);
  }

  private static ValueChoice<Integer> range(int min, int max) {
    if (min < 0 || max < min) {
      throw new SpaceException("Repeat depth range " + min + ".." + max + " must satisfy 0 <= min <= max");
    }
    List<Integer> depths = new ArrayList<>();
    for (int d = min; d <= max; d++) {
      depths.add(d);
    }
    return ValueChoice.of(depths);
  }

  private static Object depth(Object depth) {
    if (depth instanceof Integer d && d >= 0) {
      return d;
    }
    if (depth instanceof ValueChoice<?> vc) {
      for (java.util.Map<ValueChoice.Leaf<?>, Object> d : decisions(vc)) {
        Object value;
        try {
          value = ValueChoice.evaluate(vc, d::get);
        } catch (IrException e) {
          throw new SpaceException("Repeat depth " + vc + " cannot be evaluated: " + e.getMessage());
        }
        if (!(value instanceof Integer n) || n < 0) {
          throw new SpaceException("Repeat depth " + vc + " must give ints of at least 0, but gives " + Values.render(value)
              + (vc instanceof ValueChoice.Leaf<?> ? "" : "; round it with ValueChoice.toInt or floorDiv"));
        }
      }
      return vc;
    }
    throw new SpaceException("Repeat depth must be an int of at least 0, a range or a ValueChoice of ints, got " + depth);
  }

  private static int maxDepth(Object depth) {
    if (depth instanceof Integer d) {
      return d;
    }
    int max = 0;
    for (java.util.Map<ValueChoice.Leaf<?>, Object> d : decisions(depth)) {
      max = Math.max(max, (Integer) ValueChoice.evaluate(depth, d::get));
    }
    return max;
  }

  /** Every combination of decisions for the choices a depth reads (one empty one for an int). */
  private static List<java.util.Map<ValueChoice.Leaf<?>, Object>> decisions(Object depth) {
    List<ValueChoice.Leaf<?>> leaves = new ArrayList<>();
    if (depth instanceof ValueChoice<?> vc) {
      vc.leaves(leaves);
    }
    List<ValueChoice.Leaf<?>> distinct = leaves.stream().distinct().toList();
    List<java.util.Map<ValueChoice.Leaf<?>, Object>> out = new ArrayList<>();
    out.add(new java.util.IdentityHashMap<>());
    for (ValueChoice.Leaf<?> leaf : distinct) {
      List<java.util.Map<ValueChoice.Leaf<?>, Object>> next = new ArrayList<>();
      for (java.util.Map<ValueChoice.Leaf<?>, Object> partial : out) {
        for (Object candidate : leaf.candidates) {
          java.util.Map<ValueChoice.Leaf<?>, Object> d = new java.util.IdentityHashMap<>(partial);
          d.put(leaf, Values.normalize(candidate));
          next.add(d);
        }
      }
      out = next;
    }
    return out;
  }
}
