package dev.jnas.mutators;

import dev.jnas.ir.Choice;
import dev.jnas.ir.ChoiceKind;
import dev.jnas.ir.Graph;
import dev.jnas.ir.IrException;
import dev.jnas.ir.Node;
import dev.jnas.ir.Sample;
import dev.jnas.ir.expr.Values;
import dev.jnas.ir.op.InputChoiceOp;
import dev.jnas.ir.op.LooseEndOp;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces each input choice by the op that merges its chosen inputs ({@link InputChoiceOp#frozen}),
 * and each cell's loose end, which follows input choices, by the cat of its loose nodes.
 */
final class InputChoiceMutator extends NodeRewriter {
  @Override
  public List<Choice> choices(Graph graph) {
    return graph.choices().stream().filter(c -> c.kind() == ChoiceKind.INPUT).toList();
  }

  @Override
  boolean handles(Node node) {
    return node.op() instanceof InputChoiceOp || node.op() instanceof LooseEndOp;
  }

  @Override
  String rewrite(Node node, List<String> inputs, Graph.Builder builder, Sample sample) {
    if (node.op() instanceof LooseEndOp le) {
      List<String> loose = le.loose(inputs.size(), sample.asDecisions()).stream().map(inputs::get).toList();
      return builder.node(node.name(), le.frozen(loose.size()), loose);
    }
    InputChoiceOp ic = (InputChoiceOp) node.op();
    Object decision = decision(sample, ic.label());
    if (!ic.decisions(inputs.size()).contains(decision)) {
      throw new IrException("decision " + Values.render(decision) + " for input choice '" + ic.label()
          + "' is not among its candidates " + Values.render(ic.decisions(inputs.size())));
    }
    List<String> chosen = new ArrayList<>();
    @SuppressWarnings("unchecked")
    List<Integer> indices = ic.passed((List<Integer>) decision);
    for (int index : indices) {
      chosen.add(inputs.get(index));
    }
    return builder.node(node.name(), ic.frozen(chosen.size()), chosen);
  }
}
