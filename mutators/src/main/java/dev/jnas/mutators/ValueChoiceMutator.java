package dev.jnas.mutators;

import dev.jnas.ir.Choice;
import dev.jnas.ir.ChoiceKind;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Node;
import dev.jnas.ir.Sample;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.List;

/** Evaluates every attribute expression that reads value choices into a literal. */
final class ValueChoiceMutator extends NodeRewriter {
  @Override
  public List<Choice> choices(Graph graph) {
    return graph.choices().stream().filter(c -> c.kind() == ChoiceKind.VALUE).toList();
  }

  @Override
  boolean handles(Node node) {
    return node.op() instanceof PrimitiveOp p && p.attributes().values().stream().anyMatch(e -> !e.choices().isEmpty());
  }

  @Override
  String rewrite(Node node, List<String> inputs, Graph.Builder builder, Sample sample) {
    // A shared layer keeps its owner: both resolve to the same op, as lint requires.
    return builder.node(node.with(((PrimitiveOp) node.op()).decided(sample.asDecisions()), inputs));
  }
}
