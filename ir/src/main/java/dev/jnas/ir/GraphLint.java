package dev.jnas.ir;

import dev.jnas.ir.op.Arity;
import dev.jnas.ir.op.InputChoiceOp;
import dev.jnas.ir.op.LayerChoiceOp;
import dev.jnas.ir.op.LooseEndOp;
import dev.jnas.ir.op.PlaceholderOp;
import dev.jnas.ir.op.PrimitiveOp;
import dev.jnas.ir.op.RepeatOp;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Structural rules every graph obeys; shapes are {@link ShapeCheck}'s job. */
final class GraphLint {
  private GraphLint() {}

  static void check(Graph graph) {
    Set<String> defined = new HashSet<>();
    Set<String> all = new HashSet<>();
    for (GraphInput input : graph.inputs()) {
      if (!defined.add(input.name())) {
        throw new IrException(List.of(input.name()), "input name is used twice");
      }
    }
    all.addAll(defined);
    for (Node node : graph.nodes()) {
      if (!all.add(node.name())) {
        throw new IrException(List.of(node.name()), "name is already defined in graph " + graph.name());
      }
    }
    for (Node node : graph.nodes()) {
      for (String input : node.inputs()) {
        if (!defined.contains(input)) {
          throw new IrException(
              List.of(node.name()),
              "reads '" + input + "', which is "
                  + (all.contains(input)
                      ? "defined after it (nodes must be in topological order)"
                      : "not defined in graph " + graph.name()));
        }
      }
      checkArity(node);
      checkSharing(graph, node, defined);
      defined.add(node.name());
    }
    if (graph.outputs().isEmpty()) {
      throw new IrException("graph " + graph.name() + " has no outputs");
    }
    for (String output : graph.outputs()) {
      if (!defined.contains(output)) {
        throw new IrException("graph " + graph.name() + " returns '" + output + "', which is not defined");
      }
    }
    graph.choices();
  }

  /** A sharing node reads an earlier owner of this graph with the same op, which owns its parameters. */
  private static void checkSharing(Graph graph, Node node, Set<String> defined) {
    if (node.shares() == null) {
      return;
    }
    Node owner = graph.node(node.shares()).orElse(null);
    if (owner == null || !defined.contains(owner.name())) {
      throw new IrException(List.of(node.name()), "shares the parameters of '" + node.shares()
          + "', which is not an earlier node of graph " + graph.name() + " (a layer can be shared only within one graph:"
          + " not across a choice's candidates or a repeat's blocks)");
    }
    if (owner.shares() != null) {
      throw new IrException(List.of(node.name()), "shares '" + owner.name() + "', which shares '" + owner.shares()
          + "' itself; share the owner");
    }
    if (!(node.op() instanceof PrimitiveOp) || !node.op().equals(owner.op())) {
      throw new IrException(List.of(node.name()), "shares the parameters of '" + owner.name()
          + "' but computes " + node.op().kind() + " with other attributes; a shared layer is the same layer");
    }
  }

  private static void checkArity(Node node) {
    int n = node.inputs().size();
    Arity arity;
    if (node.op() instanceof PrimitiveOp p) {
      arity = p.arity();
    } else if (node.op() instanceof LayerChoiceOp lc) {
      arity = new Arity(lc.inputCount(), lc.inputCount());
    } else if (node.op() instanceof InputChoiceOp ic) {
      arity = new Arity(Math.max(ic.chosen(), 1), Integer.MAX_VALUE);
    } else if (node.op() instanceof RepeatOp) {
      arity = Arity.UNARY;
    } else if (node.op() instanceof LooseEndOp) {
      arity = Arity.AT_LEAST_ONE;
    } else if (node.op() instanceof PlaceholderOp) {
      arity = Arity.UNARY;
    } else {
      throw new AssertionError(node.op());
    }
    if (!arity.accepts(n)) {
      throw new IrException(
          List.of(node.name()), node.op().kind() + " takes " + arity + ", got " + n);
    }
  }
}
