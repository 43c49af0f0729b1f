package dev.jnas.mutators;

import dev.jnas.ir.Choice;
import dev.jnas.ir.ChoiceKind;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Inliner;
import dev.jnas.ir.Node;
import dev.jnas.ir.Sample;
import dev.jnas.ir.Decisions;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.jnas.ir.op.IdentityOp;
import dev.jnas.ir.op.RepeatOp;
import java.util.List;

/** Replaces each repeat by its chosen number of blocks, position i inlined as {@code name.i}; depth 0 is an identity. */
final class RepeatMutator extends NodeRewriter {
  @Override
  public List<Choice> choices(Graph graph) {
    return graph.choices().stream().filter(c -> c.kind() == ChoiceKind.REPEAT).toList();
  }

  @Override
  boolean handles(Node node) {
    return node.op() instanceof RepeatOp;
  }

  @Override
  String rewrite(Node node, List<String> inputs, Graph.Builder builder, Sample sample) {
    RepeatOp r = (RepeatOp) node.op();
    Map<String, Object> decided = new LinkedHashMap<>();
    r.depthChoices().forEach(c -> decided.put(c.label(), decision(sample, c.label())));
    int depth = r.depthUnder(Decisions.of(decided));
    if (depth == 0) {
      return builder.node(node.name(), new IdentityOp(), inputs);
    }
    String value = inputs.get(0);
    for (int i = 0; i < depth; i++) {
      value = Inliner.inline(builder, node.name() + "." + i, r.block(i), List.of(value));
    }
    return value;
  }
}
