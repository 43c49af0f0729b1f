package dev.jnas.ir;

import dev.jnas.ir.op.Identity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splices a candidate or block graph into a graph being built in place of one node, the naming
 * rule both the mutators and the fixed-architecture tracer follow: a body of exactly one node
 * that gives the output takes the replaced node's name ({@code conv2}); otherwise each body node
 * {@code n} becomes {@code name.n} ({@code conv2.depthwise}). A body that returns one of its
 * inputs becomes an identity node named {@code name}.
 */
public final class Inliner {
  private Inliner() {}

  /** Adds {@code body}'s nodes, fed {@code args}, to {@code target}; returns the value of its output. */
  public static String inline(Graph.Builder target, String name, Graph body, List<String> args) {
    if (args.size() != body.inputs().size()) {
      throw new IrException(List.of(name), "graph " + body.name() + " takes " + body.inputs().size()
          + " inputs, got " + args.size());
    }
    Map<String, String> renamed = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      renamed.put(body.inputs().get(i).name(), args.get(i));
    }
    String output = body.outputs().get(0);
    if (body.node(output).isEmpty()) {
      return target.node(name, new Identity(), renamed.get(output));
    }
    List<String> names = names(name, body);
    for (int i = 0; i < body.nodes().size(); i++) {
      Node node = body.nodes().get(i);
      List<String> inputs = new ArrayList<>();
      node.inputs().forEach(in -> inputs.add(renamed.get(in)));
      renamed.put(node.name(), target.node(names.get(i), node.op(), inputs));
    }
    return renamed.get(output);
  }

  /** The names {@link #inline} gives the nodes it adds, in order. */
  public static List<String> names(String name, Graph body) {
    if (body.node(body.outputs().get(0)).isEmpty() || body.nodes().size() == 1) {
      return List.of(name);
    }
    return body.nodes().stream().map(n -> name + "." + n.name()).toList();
  }
}
