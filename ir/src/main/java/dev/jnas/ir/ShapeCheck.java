package dev.jnas.ir;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.expr.ChoiceOfValues;
import dev.jnas.ir.op.Candidate;
import dev.jnas.ir.op.InputChoiceOp;
import dev.jnas.ir.op.LayerChoiceOp;
import dev.jnas.ir.op.PrimitiveOp;
import dev.jnas.ir.op.RepeatOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the shapes of a graph whose inputs have shapes. A space of at most
 * {@value #EXHAUSTIVE_LIMIT} combinations of decisions is checked exhaustively. A larger one is
 * checked once per candidate of every choice, in a context where that choice is active: the
 * candidates of the layer choices and the repeat depths that lead to it are taken, every other
 * choice sits at its first candidate. So a candidate nested under the third candidate of another
 * choice is checked under that third candidate. What this cannot see is a failure that needs two
 * choices at non-first candidates that do not enclose each other (say, two widths that must
 * agree); a frozen architecture is shape-checked again before it is generated.
 */
public final class ShapeCheck {
  /** The most combinations checked one by one. */
  public static final int EXHAUSTIVE_LIMIT = 4096;

  private ShapeCheck() {}

  public static void check(Graph graph) {
    for (Decisions decisions : assignments(graph.choices(), contexts(graph))) {
      try {
        Analysis.of(graph, decisions);
      } catch (IrException e) {
        if (decisions.byLabel().isEmpty()) {
          throw e;
        }
        throw new IrException(e.path(), e.detail() + " (with decisions " + decisions + ")");
      }
    }
  }

  /** The decision sets {@link #check} tries when no choice nests in another. */
  public static List<Decisions> assignments(List<Choice> choices) {
    return assignments(choices, Map.of());
  }

  /**
   * The decision sets {@link #check} tries, as described on the class; {@code contexts} maps a
   * label to the decisions that make its choice active (see {@link #contexts}).
   */
  public static List<Decisions> assignments(List<Choice> choices, Map<String, Map<String, Object>> contexts) {
    long combinations = 1;
    for (Choice c : choices) {
      combinations = Math.min((long) EXHAUSTIVE_LIMIT + 1, combinations * c.candidates().size());
    }
    List<Decisions> out = new ArrayList<>();
    if (combinations <= EXHAUSTIVE_LIMIT) {
      product(choices, 0, new LinkedHashMap<>(), out);
      return out;
    }
    Map<String, Object> base = new LinkedHashMap<>();
    choices.forEach(c -> base.put(c.label(), c.candidates().get(0)));
    Set<Decisions> distinct = new LinkedHashSet<>();
    distinct.add(Decisions.of(base));
    for (Choice c : choices) {
      Map<String, Object> context = new LinkedHashMap<>(base);
      context.putAll(contexts.getOrDefault(c.label(), Map.of()));
      for (Object candidate : c.candidates()) {
        Map<String, Object> varied = new LinkedHashMap<>(context);
        varied.put(c.label(), candidate);
        distinct.add(Decisions.of(varied));
      }
    }
    out.addAll(distinct);
    return out;
  }

  /**
   * For each choice of {@code graph}, the decisions of the enclosing choices at the first place
   * it is active: the candidate of each layer choice around it and, for a repeat block at
   * position i, the smallest depth that reaches it. Choices at the top level have none.
   */
  public static Map<String, Map<String, Object>> contexts(Graph graph) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    walk(graph, new LinkedHashMap<>(), out);
    return out;
  }

  private static void walk(Graph graph, Map<String, Object> context, Map<String, Map<String, Object>> out) {
    for (Node node : graph.nodes()) {
      if (node.op() instanceof PrimitiveOp p) {
        for (Expr e : p.attributes().values()) {
          e.choices().forEach(c -> out.putIfAbsent(c.label(), Map.copyOf(context)));
        }
      } else if (node.op() instanceof LayerChoiceOp lc) {
        out.putIfAbsent(lc.label(), Map.copyOf(context));
        for (Candidate c : lc.candidates()) {
          Map<String, Object> inner = new LinkedHashMap<>(context);
          inner.putIfAbsent(lc.label(), c.key());
          walk(c.graph(), inner, out);
        }
      } else if (node.op() instanceof RepeatOp r) {
        r.depthChoices().forEach(c -> out.putIfAbsent(c.label(), Map.copyOf(context)));
        int positions = r.blocks().size() == 1 ? Math.min(1, r.depths().get(r.depths().size() - 1)) : r.blocks().size();
        for (int i = 0; i < positions; i++) {
          Map<String, Object> reaching = reaching(r, i + 1, context);
          if (reaching != null) {
            walk(r.block(i), reaching, out);
          }
        }
      } else if (node.op() instanceof InputChoiceOp ic) {
        out.putIfAbsent(ic.label(), Map.copyOf(context));
      }
    }
  }

  /** The context plus decisions of the depth's choices giving the smallest depth of at least {@code depth}; null if none does. */
  private static Map<String, Object> reaching(RepeatOp r, int depth, Map<String, Object> context) {
    List<ChoiceOfValues> choices = List.copyOf(r.depthChoices());
    Map<String, Object> best = null;
    int bestDepth = Integer.MAX_VALUE;
    for (Decisions d : assignments(choices.stream().map(c -> new Choice(c.label(), ChoiceKind.VALUE, c.candidates())).toList(), Map.of())) {
      Map<String, Object> trial = new LinkedHashMap<>(d.byLabel());
      trial.putAll(context); // decisions already taken outside keep their values
      int reached = r.depthUnder(Decisions.of(trial));
      if (reached >= depth && reached < bestDepth) {
        bestDepth = reached;
        best = trial;
      }
    }
    return best;
  }

  private static void product(
      List<Choice> choices, int index, Map<String, Object> prefix, List<Decisions> out) {
    if (index == choices.size()) {
      out.add(Decisions.of(prefix));
      return;
    }
    Choice c = choices.get(index);
    for (Object candidate : c.candidates()) {
      prefix.put(c.label(), candidate);
      product(choices, index + 1, prefix, out);
    }
    prefix.remove(c.label());
  }
}
