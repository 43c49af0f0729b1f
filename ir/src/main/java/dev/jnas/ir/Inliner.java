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
    boolean returnsInput = body.node(output).isEmpty();
    if (returnsInput) {
      return target.node(name, new Identity(), renamed.get(output));
    }
    boolean single = body.nodes().size() == 1;
    for (Node node : body.nodes()) {
      List<String> inputs = new ArrayList<>();
      node.inputs().forEach(in -> inputs.add(renamed.get(in)));
      String newName = single ? name : name + "." + node.name();
      renamed.put(node.name(), target.node(newName, node.op(), inputs));
    }
    return renamed.get(output);
  }
}
