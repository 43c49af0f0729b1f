package dev.jnas.ir;

import dev.jnas.ir.op.IdentityOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splices a candidate or block graph into a graph being built in place of one node. The naming
 * rule, which the mutators and the fixed-architecture tracer share: body node {@code n} becomes
 * {@code name.n} ({@code conv2.depthwise}), and a body node named {@link #SELF} (a candidate that is
 * a single layer) takes the replaced node's own name ({@code conv2}). A body that returns one of its
 * inputs becomes an identity node named {@code name}. Since the rule only prefixes, inlining nested
 * candidates gives the same names inner-first or outer-first.
 */
public final class Inliner {
  /** The name of the node that is its graph's whole module, as the tracer names a lone layer. */
  public static final String SELF = "self";

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
      return target.node(name, new IdentityOp(), renamed.get(output));
    }
    for (Node node : body.nodes()) {
      List<String> inputs = new ArrayList<>();
      node.inputs().forEach(in -> inputs.add(renamed.get(in)));
      String owner = node.shares() == null ? null : renamed.get(node.shares());
      renamed.put(node.name(), target.node(new Node(rename(name, node.name()), node.op(), inputs, owner)));
    }
    return renamed.get(output);
  }

  /** The names {@link #inline} gives the nodes it adds, in order. */
  public static List<String> names(String name, Graph body) {
    if (body.node(body.outputs().get(0)).isEmpty()) {
      return List.of(name);
    }
    return body.nodes().stream().map(n -> rename(name, n.name())).toList();
  }

  private static String rename(String name, String inner) {
    return inner.equals(SELF) ? name : name + "." + inner;
  }
}
