package dev.jnas.samples;

import dev.jnas.ir.Choice;
import dev.jnas.ir.ChoiceKind;
import dev.jnas.ir.Graph;
import dev.jnas.ir.GraphInput;
import dev.jnas.ir.Node;
import dev.jnas.ir.Sample;
import dev.jnas.ir.op.ActivationOp;
import dev.jnas.ir.op.GeluOp;
import dev.jnas.ir.op.ReluOp;
import dev.jnas.ir.op.SwishOp;
import dev.jnas.mutators.Mutator;
import java.util.List;

/**
 * A custom mutator: offers relu, gelu or swish at every activation node of the graph it is given,
 * a choice the model class never spelled out. Label: the node's name plus {@code .activation}.
 */
public final class ActivationMutator implements Mutator {
  private static final List<Object> CANDIDATES = List.of("relu", "gelu", "swish");

  @Override
  public List<Choice> choices(Graph graph) {
    return graph.nodes().stream()
        .filter(n -> n.op() instanceof ActivationOp)
        .map(n -> new Choice(label(n), ChoiceKind.LAYER, CANDIDATES))
        .toList();
  }

  @Override
  public Graph apply(Graph graph, Sample sample) {
    Graph.Builder builder = Graph.builder(graph.name()).withoutShapeCheck();
    for (GraphInput input : graph.inputs()) {
      builder.input(input);
    }
    for (Node node : graph.nodes()) {
      Object chosen = node.op() instanceof ActivationOp ? sample.get(label(node)) : null;
      builder.node(node.name(), chosen == null ? node.op() : activation((String) chosen), node.inputs());
    }
    return builder.output(graph.outputs().toArray(String[]::new)).build();
  }

  private static String label(Node node) {
    return node.name() + ".activation";
  }

  private static ActivationOp activation(String name) {
    return switch (name) {
      case "gelu" -> new GeluOp();
      case "swish" -> new SwishOp();
      default -> new ReluOp();
    };
  }
}
