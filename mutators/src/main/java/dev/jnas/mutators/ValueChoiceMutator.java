package dev.jnas.mutators;

import dev.jnas.ir.Choice;
import dev.jnas.ir.ChoiceKind;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Node;
import dev.jnas.ir.Sample;
import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.OpRegistry;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    PrimitiveOp op = (PrimitiveOp) node.op();
    Map<String, Expr> values = new LinkedHashMap<>();
    op.attributes().forEach((name, expr) -> values.put(name, Expr.of(expr.evaluate(sample.asDecisions()))));
    // A shared layer keeps its owner: both resolve to the same op, as lint requires.
    return builder.node(node.with(OpRegistry.create(op.kind(), values), inputs));
  }
}
