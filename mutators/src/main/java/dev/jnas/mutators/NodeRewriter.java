package dev.jnas.mutators;

import dev.jnas.ir.Graph;
import dev.jnas.ir.GraphInput;
import dev.jnas.ir.IrException;
import dev.jnas.ir.Node;
import dev.jnas.ir.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a graph node by node, letting a subclass replace the nodes it handles (possibly by
 * several nodes); later readers of a replaced node read the value that replaced it. Repeats
 * until no handled node is left, since a replacement may bring up nested ones.
 */
abstract class NodeRewriter implements Mutator {
  /** Whether this rewriter replaces {@code node}. */
  abstract boolean handles(Node node);

  /** Adds the replacement of {@code node} (fed {@code inputs}) to {@code builder}; returns its value. */
  abstract String rewrite(Node node, List<String> inputs, Graph.Builder builder, Sample sample);

  @Override
  public Graph apply(Graph graph, Sample sample) {
    Graph current = graph;
    while (current.nodes().stream().anyMatch(this::handles)) {
      current = once(current, sample);
    }
    return current;
  }

  private Graph once(Graph graph, Sample sample) {
    Graph.Builder builder = Graph.builder(graph.name()).withoutShapeCheck();
    for (GraphInput input : graph.inputs()) {
      builder.input(input);
    }
    Map<String, String> values = new HashMap<>();
    graph.inputs().forEach(i -> values.put(i.name(), i.name()));
    for (Node node : graph.nodes()) {
      List<String> inputs = new ArrayList<>();
      node.inputs().forEach(in -> inputs.add(values.get(in)));
      try {
        values.put(node.name(), handles(node)
            ? rewrite(node, inputs, builder, sample)
            : builder.node(new Node(node.name(), node.op(), inputs, node.shares() == null ? null : values.get(node.shares()))));
      } catch (IrException e) {
        throw e.path().isEmpty() ? new IrException(List.of(node.name()), e.getMessage()) : e;
      }
    }
    graph.outputs().forEach(out -> builder.output(values.get(out)));
    return builder.build();
  }

  static Object decision(Sample sample, String label) {
    Object decision = sample.get(label);
    if (decision == null) {
      throw new IrException("the sample has no decision for '" + label + "'");
    }
    return decision;
  }
}
