package dev.jnas.mutators;

import dev.jnas.ir.Graph;
import dev.jnas.ir.Node;
import dev.jnas.ir.op.Candidate;
import dev.jnas.ir.op.LayerChoiceOp;
import dev.jnas.ir.op.PlaceholderOp;
import dev.jnas.ir.op.RepeatOp;
import java.util.ArrayList;
import java.util.List;

/** Finds the placeholders of a graph, nested candidates and repeat blocks included, with where they are. */
final class Placeholders {
  /** A placeholder and its path (node, candidate, node, ... as {@link dev.jnas.ir.IrException#path}). */
  record Found(List<String> path, PlaceholderOp placeholder) {
    String where() {
      return String.join(" > ", path);
    }
  }

  private Placeholders() {}

  static List<Found> in(Graph graph) {
    List<Found> out = new ArrayList<>();
    walk(graph, List.of(), out);
    return out;
  }

  private static void walk(Graph graph, List<String> prefix, List<Found> out) {
    for (Node node : graph.nodes()) {
      List<String> path = new ArrayList<>(prefix);
      path.add(node.name());
      if (node.op() instanceof PlaceholderOp p) {
        out.add(new Found(List.copyOf(path), p));
      } else if (node.op() instanceof LayerChoiceOp lc) {
        for (Candidate c : lc.candidates()) {
          walk(c.graph(), append(path, c.name()), out);
        }
      } else if (node.op() instanceof RepeatOp r) {
        for (int i = 0; i < r.blocks().size(); i++) {
          walk(r.blocks().get(i), append(path, Integer.toString(i)), out);
        }
      }
    }
  }

  private static List<String> append(List<String> path, String segment) {
    List<String> longer = new ArrayList<>(path);
    longer.add(segment);
    return longer;
  }
}
