package dev.jnas.ir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the shapes of a graph whose inputs have shapes, under every combination of decisions
 * when there are at most {@value #EXHAUSTIVE_LIMIT}; beyond that, under every candidate of every
 * choice with the other choices at their first candidate. Every candidate is thus shape-checked,
 * and an error names the decisions that failed.
 */
public final class ShapeCheck {
  /** The most combinations checked one by one. */
  public static final int EXHAUSTIVE_LIMIT = 4096;

  private ShapeCheck() {}

  public static void check(Graph graph) {
    for (Decisions decisions : assignments(graph.choices())) {
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

  /** The decision sets {@link #check} tries, as described on the class. */
  public static List<Decisions> assignments(List<Choice> choices) {
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
    out.add(Decisions.of(base));
    for (Choice c : choices) {
      for (Object candidate : c.candidates().subList(1, c.candidates().size())) {
        Map<String, Object> varied = new LinkedHashMap<>(base);
        varied.put(c.label(), candidate);
        out.add(Decisions.of(varied));
      }
    }
    return out;
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
