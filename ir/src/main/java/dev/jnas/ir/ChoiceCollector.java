package dev.jnas.ir;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.expr.ChoiceOfValues;
import dev.jnas.ir.expr.Values;
import dev.jnas.ir.op.Candidate;
import dev.jnas.ir.op.InputChoiceOp;
import dev.jnas.ir.op.LayerChoiceOp;
import dev.jnas.ir.op.PrimitiveOp;
import dev.jnas.ir.op.RepeatOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks a graph and its candidate graphs for choice points; a label met twice must describe the
 * same decision, else an error names both places.
 */
final class ChoiceCollector {
  private record Seen(Choice choice, List<String> path) {}

  private final Map<String, Seen> seen = new LinkedHashMap<>();

  private ChoiceCollector() {}

  static List<Choice> collect(Graph graph) {
    ChoiceCollector collector = new ChoiceCollector();
    collector.walk(graph, List.of());
    return collector.seen.values().stream().map(Seen::choice).toList();
  }

  private void walk(Graph graph, List<String> prefix) {
    for (Node node : graph.nodes()) {
      List<String> path = append(prefix, node.name());
      if (node.op() instanceof LayerChoiceOp lc) {
        add(new Choice(lc.label(), ChoiceKind.LAYER, lc.keys()), path);
        for (Candidate c : lc.candidates()) {
          walk(c.graph(), append(path, c.name()));
        }
      } else if (node.op() instanceof InputChoiceOp ic) {
        add(new Choice(ic.label(), ChoiceKind.INPUT, new ArrayList<>(ic.decisions(node.inputs().size()))), path);
      } else if (node.op() instanceof RepeatOp r) {
        for (ChoiceOfValues vc : r.depthChoices()) {
          add(new Choice(vc.label(), ChoiceKind.REPEAT, vc.candidates()), path);
        }
        for (int i = 0; i < r.blocks().size(); i++) {
          walk(r.blocks().get(i), append(path, Integer.toString(i)));
        }
      } else if (node.op() instanceof PrimitiveOp p) {
        for (Expr e : p.attributes().values()) {
          for (ChoiceOfValues vc : e.choices()) {
            add(new Choice(vc.label(), ChoiceKind.VALUE, vc.candidates()), path);
          }
        }
      }
    }
  }

  private void add(Choice choice, List<String> path) {
    Seen earlier = seen.get(choice.label());
    if (earlier == null) {
      seen.put(choice.label(), new Seen(choice, path));
      return;
    }
    Choice first = earlier.choice();
    boolean valueLike = isValueLike(first.kind()) && isValueLike(choice.kind());
    if ((first.kind() != choice.kind() && !valueLike) || !first.candidates().equals(choice.candidates())) {
      throw new IrException(
          path,
          "label '" + choice.label() + "' is used for two different choices: " + describe(first)
              + " at " + String.join(" > ", earlier.path()) + ", and " + describe(choice) + " here");
    }
  }

  private static boolean isValueLike(ChoiceKind kind) {
    return kind == ChoiceKind.VALUE || kind == ChoiceKind.REPEAT;
  }

  private static String describe(Choice c) {
    return c.kind().name().toLowerCase(java.util.Locale.ROOT) + " choice " + Values.render(c.candidates());
  }

  private static List<String> append(List<String> path, String segment) {
    List<String> longer = new ArrayList<>(path);
    longer.add(segment);
    return longer;
  }
}
