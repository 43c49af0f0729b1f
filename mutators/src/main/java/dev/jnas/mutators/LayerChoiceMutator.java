package dev.jnas.mutators;

import dev.jnas.ir.Choice;
import dev.jnas.ir.ChoiceKind;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Inliner;
import dev.jnas.ir.Node;
import dev.jnas.ir.Sample;
import dev.jnas.ir.op.LayerChoiceOp;
import java.util.List;

/** Replaces each layer choice by its chosen candidate graph, inlined by the {@link Inliner} rule. */
final class LayerChoiceMutator extends NodeRewriter {
  @Override
  public List<Choice> choices(Graph graph) {
    return graph.choices().stream().filter(c -> c.kind() == ChoiceKind.LAYER).toList();
  }

  @Override
  boolean handles(Node node) {
    return node.op() instanceof LayerChoiceOp;
  }

  @Override
  String rewrite(Node node, List<String> inputs, Graph.Builder builder, Sample sample) {
    LayerChoiceOp lc = (LayerChoiceOp) node.op();
    Graph body = lc.candidate(decision(sample, lc.label())).graph();
    return Inliner.inline(builder, node.name(), body, inputs);
  }
}
