package dev.jnas.ir;

import dev.jnas.ir.expr.ChoiceOfValues;
import dev.jnas.ir.op.InputChoiceOp;
import dev.jnas.ir.op.LayerChoiceOp;
import dev.jnas.ir.op.LooseEndOp;
import dev.jnas.ir.op.PlaceholderOp;
import dev.jnas.ir.op.PrimitiveOp;
import dev.jnas.ir.op.RepeatOp;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The choices of a graph and exactly how many distinct architectures they span. Two full sets of
 * decisions that differ only in choices their architecture never reaches (a choice inside an
 * unchosen candidate) are one architecture, so the count covers active decisions only. Counting
 * multiplies independent choices rather than enumerating, so it takes milliseconds for 10^20
 * architectures and beyond.
 */
public record SearchSpace(List<Choice> choices, BigInteger count) {
  public SearchSpace {
    choices = List.copyOf(choices);
    if (count == null || count.signum() < 0) {
      throw new IrException("a search space's size must be a count of at least 0, not " + count);
    }
  }

  public static SearchSpace of(Graph graph) {
    return new SearchSpace(graph.choices(), ArchitectureCounter.count(graph));
  }

  /** The number of architectures, or {@link Long#MAX_VALUE} when there are more; see {@link #count}. */
  public long size() {
    return count.bitLength() < Long.SIZE ? count.longValue() : Long.MAX_VALUE;
  }

  /**
   * The first {@code limit} architectures of {@code graph} as canonical samples (each holding the
   * decisions its architecture reaches, in reach order), in a fixed depth-first order.
   */
  public static List<Sample> architectures(Graph graph, int limit) {
    List<Sample> out = new ArrayList<>();
    new Enumerator(limit, out).walk(new ArrayDeque<>(graph.nodes()), new LinkedHashMap<>());
    return out;
  }

  /** The choice with this label, if any. */
  public java.util.Optional<Choice> choice(String label) {
    return choices.stream().filter(c -> c.label().equals(label)).findFirst();
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    out.append(describe(count)).append(count.equals(BigInteger.ONE) ? " architecture" : " architectures");
    for (Choice c : choices) {
      out.append(String.format("%n  %s (%s): %s", c.label(), c.kind().name().toLowerCase(java.util.Locale.ROOT), c.candidates()));
    }
    return out.toString();
  }

  /** A count for people: grouped digits up to 10^15, then scientific notation ({@code 3.69e+21}). */
  public static String describe(BigInteger count) {
    if (count.bitLength() < 50) {
      return String.format("%,d", count);
    }
    return new java.math.BigDecimal(count).round(new java.math.MathContext(3)).toString().replace("E+", "e+").replace("E", "e");
  }

  /** Depth-first walk that branches at each choice the first time an architecture reaches it. */
  private static final class Enumerator {
    private final long limit;
    private final List<Sample> collected;
    long leaves;

    Enumerator(long limit, List<Sample> collected) {
      this.limit = limit;
      this.collected = collected;
    }

    /**
     * Walks the pending nodes to the next undecided choice, branches there, and restores
     * {@code pending} before returning. Nodes that decide nothing are consumed in a loop, so the
     * recursion is as deep as the choices on a path, not as the graph (thousands of nodes).
     */
    void walk(Deque<Node> pending, Map<String, Object> decided) {
      if (leaves >= limit) {
        return;
      }
      Deque<Runnable> undo = new ArrayDeque<>();
      try {
        while (true) {
          Node node = pending.pollFirst();
          if (node == null) {
            leaves++;
            collected.add(Sample.of(decided));
            return;
          }
          undo.push(() -> pending.addFirst(node));
          List<Node> reached;
          if (node.op() instanceof PrimitiveOp p) {
            List<ChoiceOfValues> open = p.attributes().values().stream()
                .flatMap(e -> e.choices().stream())
                .filter(c -> !decided.containsKey(c.label()))
                .distinct()
                .toList();
            if (open.isEmpty()) {
              continue;
            }
            decideValues(open, 0, pending, decided);
            return;
          } else if (node.op() instanceof LayerChoiceOp lc) {
            if (!decided.containsKey(lc.label())) {
              branch(lc.label(), lc.keys(), pending, decided, key -> lc.candidate(key).graph().nodes());
              return;
            }
            reached = lc.candidate(decided.get(lc.label())).graph().nodes();
          } else if (node.op() instanceof InputChoiceOp ic) {
            if (!decided.containsKey(ic.label())) {
              branch(ic.label(), List.copyOf(ic.decisions(node.inputs().size())), pending, decided, d -> List.of());
              return;
            }
            reached = List.of();
          } else if (node.op() instanceof LooseEndOp || node.op() instanceof PlaceholderOp) {
            reached = List.of();
          } else {
            RepeatOp r = (RepeatOp) node.op();
            ChoiceOfValues open = r.depthChoices().stream().filter(c -> !decided.containsKey(c.label())).findFirst().orElse(null);
            if (open != null) {
              // Decide the depth's choices one at a time; the node stays pending until all are.
              branch(open.label(), open.candidates(), pending, decided, d -> List.of(node));
              return;
            }
            reached = blocks(r, r.depthUnder(Decisions.of(decided)));
          }
          push(reached, pending);
          undo.push(() -> pop(reached, pending));
        }
      } finally {
        while (!undo.isEmpty()) {
          undo.pop().run();
        }
      }
    }

    private void decideValues(List<ChoiceOfValues> open, int index, Deque<Node> pending, Map<String, Object> decided) {
      if (index == open.size()) {
        walk(pending, decided);
        return;
      }
      ChoiceOfValues c = open.get(index);
      for (Object value : c.candidates()) {
        decided.put(c.label(), value);
        decideValues(open, index + 1, pending, decided);
      }
      decided.remove(c.label());
    }

    private void branch(String label, List<Object> options, Deque<Node> pending, Map<String, Object> decided,
        java.util.function.Function<Object, List<Node>> reached) {
      for (Object option : options) {
        decided.put(label, option);
        List<Node> nodes = reached.apply(option);
        push(nodes, pending);
        walk(pending, decided);
        pop(nodes, pending);
      }
      decided.remove(label);
    }

    private static List<Node> blocks(RepeatOp r, int depth) {
      List<Node> nodes = new java.util.ArrayList<>();
      for (int i = 0; i < depth; i++) {
        nodes.addAll(r.block(i).nodes());
      }
      return nodes;
    }

    private static void push(List<Node> nodes, Deque<Node> pending) {
      for (int i = nodes.size() - 1; i >= 0; i--) {
        pending.addFirst(nodes.get(i));
      }
    }

    private static void pop(List<Node> nodes, Deque<Node> pending) {
      for (int i = 0; i < nodes.size(); i++) {
        pending.pollFirst();
      }
    }
  }
}
