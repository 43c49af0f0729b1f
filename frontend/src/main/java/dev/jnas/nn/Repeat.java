package dev.jnas.nn;

import dev.jnas.ir.expr.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A chain of a block repeated {@code depth} times. The depth is an int, a range
 * ({@code minDepth..maxDepth}) or a {@link ValueChoice} of ints. A block module is copied for
 * every position; a factory makes position i's own block.
 */
public final class Repeat extends Module {
  final List<Module> blocks = new ArrayList<>();
  final Object depth;
  final int maxDepth;
  String explicitLabel;

  public Repeat(Module block, Object depth) {
    this.depth = depth(depth);
    this.maxDepth = maxDepth(this.depth);
    blocks.add(block);
  }

  public Repeat(Module block, int minDepth, int maxDepth) {
    this(block, range(minDepth, maxDepth));
  }

  public Repeat(IntFunction<? extends Module> factory, Object depth) {
    this.depth = depth(depth);
    this.maxDepth = maxDepth(this.depth);
    for (int i = 0; i < Math.max(1, maxDepth); i++) {
      blocks.add(factory.apply(i));
    }
  }

  public Repeat(IntFunction<? extends Module> factory, int minDepth, int maxDepth) {
    this(factory, range(minDepth, maxDepth));
  }

  /** Labels the depth choice (by default, the depth choice's own label or this field's path). */
  public Repeat label(String label) {
    this.explicitLabel = SpaceException.label(label, "a Repeat");
    return this;
  }

  /** The block at {@code position}. */
  Module block(int position) {
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
    if (depth instanceof ValueChoice.Leaf<?> leaf) {
      for (Object d : leaf.candidates) {
        if (!(d instanceof Integer n) || n < 0) {
          throw new SpaceException("Repeat depth candidates must be ints of at least 0, got " + Values.render(Values.normalize(leaf.candidates)));
        }
      }
      return leaf;
    }
    throw new SpaceException("Repeat depth must be an int of at least 0, a range or a ValueChoice of ints (not an expression), got " + depth);
  }

  private static int maxDepth(Object depth) {
    if (depth instanceof Integer d) {
      return d;
    }
    return ((ValueChoice.Leaf<?>) depth).candidates.stream().mapToInt(d -> (Integer) d).max().orElse(0);
  }
}
