package dev.jnas.mutators;

import dev.jnas.ir.Choice;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Node;
import dev.jnas.ir.Sample;
import dev.jnas.ir.op.InputChoiceOp;
import dev.jnas.ir.op.LayerChoiceOp;
import dev.jnas.ir.op.LooseEndOp;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decides DARTS cells. A cell is traced into input choices {@code cell.input_i_j} and layer
 * choices {@code cell.op_i_j}, so this mutator is the layer and input mutators restricted to
 * choices labelled that way.
 */
final class CellMutator extends NodeRewriter {
  private static final Pattern CELL_LABEL = Pattern.compile("(.+\\.)?(op|input)_\\d+_\\d+");

  private final NodeRewriter layers;
  private final NodeRewriter inputs;

  CellMutator(NodeRewriter layers, NodeRewriter inputs) {
    this.layers = layers;
    this.inputs = inputs;
  }

  @Override
  public List<Choice> choices(Graph graph) {
    return graph.choices().stream().filter(c -> CELL_LABEL.matcher(c.label()).matches()
        && (layers.choices(graph).contains(c) || inputs.choices(graph).contains(c))).toList();
  }

  @Override
  boolean handles(Node node) {
    if (node.op() instanceof LooseEndOp) {
      return true;
    }
    String label = node.op() instanceof LayerChoiceOp lc ? lc.label() : node.op() instanceof InputChoiceOp ic ? ic.label() : null;
    return label != null && CELL_LABEL.matcher(label).matches();
  }

  @Override
  String rewrite(Node node, List<String> in, Graph.Builder builder, Sample sample) {
    return (node.op() instanceof LayerChoiceOp ? layers : inputs).rewrite(node, in, builder, sample);
  }
}
