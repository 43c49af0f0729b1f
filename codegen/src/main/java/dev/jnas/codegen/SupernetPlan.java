package dev.jnas.codegen;

import dev.jnas.ir.Choice;
import dev.jnas.ir.Decisions;
import dev.jnas.ir.GraphInput;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.op.DropoutOp;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.List;
import java.util.Map;

/**
 * A traced space lowered to its supernet (see {@link SupernetLowering}): the steps in the order
 * they run, each choice of the space (its architecture weights are indexed as here), the
 * decisions that fix every size at its largest ({@code base}), the shapes there, and a mask for
 * each step whose channels or features some size choice narrows.
 */
record SupernetPlan(String spaceName, List<GraphInput> inputs, List<String> outputs, List<Choice> choices,
    List<Step> steps, Decisions base, Map<String, TensorShape> shapes, Map<String, MaskSpec> masks) {
  SupernetPlan {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    choices = List.copyOf(choices);
    steps = List.copyOf(steps);
    shapes = Map.copyOf(shapes);
    masks = Map.copyOf(masks);
  }

  /**
   * Whether choice {@code k} only changes training: every node that reads it is a dropout whose
   * rate it sets, so at inference all its candidates compute the same. No mix, guard, mask or
   * kernel follows it.
   */
  boolean trainingOnly(int k) {
    String label = choices.get(k).label();
    boolean read = false;
    for (Step step : steps) {
      if (step.guards().stream().anyMatch(g -> g.choice() == k)) {
        return false;
      }
      if (step instanceof Mix mix && mix.choice() == k) {
        return false;
      }
      if (step instanceof Prim p) {
        boolean reads = p.branch() == k || p.kernel() == k || p.op().attributes().values().stream()
            .anyMatch(e -> e.choices().stream().anyMatch(c -> c.label().equals(label)));
        if (reads && !(p.op() instanceof DropoutOp && p.branch() == k)) {
          return false;
        }
        read |= reads;
      }
    }
    return read && masks.values().stream().allMatch(m -> m.segments().stream().noneMatch(s -> s.choice() == k));
  }

  /** One step of the supernet's forward pass, run only while every guard holds. */
  sealed interface Step permits Prim, Mix {
    String name();

    List<String> inputs();

    List<Guard> guards();
  }

  /**
   * A primitive node of some candidate (attributes may still read choices: sizes are taken at the
   * base; a step that reads a {@code branch} value choice becomes one copy per value, mixed; a
   * convolution whose kernel follows value choice {@code kernel} is built at its largest kernel and
   * takes a smaller one as its centre). {@code frozenName} is the node's name in a frozen
   * architecture that keeps it.
   */
  record Prim(String name, String frozenName, PrimitiveOp op, List<String> inputs, String shares, List<Guard> guards,
      int branch, int kernel) implements Step {
    Prim {
      inputs = List.copyOf(inputs);
      guards = List.copyOf(guards);
    }

    Prim(String name, String frozenName, PrimitiveOp op, List<String> inputs, String shares, List<Guard> guards) {
      this(name, frozenName, op, inputs, shares, guards, -1, -1);
    }
  }

  /** The output of choice {@code choice}: input i is what its candidate i gives. */
  record Mix(String name, int choice, List<String> inputs, List<Guard> guards) implements Step {
    Mix {
      inputs = List.copyOf(inputs);
      guards = List.copyOf(guards);
    }
  }

  /** Holds when choice {@code choice} is at one of {@code candidates} (always, while weights mix every path). */
  record Guard(int choice, List<Integer> candidates) {
    Guard {
      candidates = List.copyOf(candidates);
    }
  }

  /**
   * Which entries along {@code dim} are alive: the segments in order, each a prefix of its length
   * whose size follows one choice.
   */
  record MaskSpec(int dim, List<Segment> segments) {
    MaskSpec {
      segments = List.copyOf(segments);
    }

    long length() {
      return segments.stream().mapToLong(Segment::length).sum();
    }

    /** The alive positions when every choice is at the candidate {@code path} gives. */
    int[] alive(int[] path) {
      int[] out = new int[(int) length()];
      int count = 0;
      long start = 0;
      for (Segment s : segments) {
        long alive = s.choice() < 0 ? s.length() : s.alive().get(path[s.choice()]);
        for (long j = 0; j < alive; j++) {
          out[count++] = (int) (start + j);
        }
        start += s.length();
      }
      return java.util.Arrays.copyOf(out, count);
    }
  }

  /**
   * {@code length} entries of which the first {@code alive.get(i)} live when choice {@code choice}
   * is at its candidate i; a choice of -1 keeps them all.
   */
  record Segment(int choice, List<Long> alive, long length) {
    Segment {
      alive = List.copyOf(alive);
    }

    static Segment whole(long length) {
      return new Segment(-1, List.of(length), length);
    }

    /** The same segment over {@code factor} times as many entries, as flattening trailing dimensions gives. */
    Segment times(long factor) {
      return new Segment(choice, alive.stream().map(a -> a * factor).toList(), length * factor);
    }
  }
}
