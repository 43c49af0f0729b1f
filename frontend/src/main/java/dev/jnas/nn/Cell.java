package dev.jnas.nn;

import dev.jnas.ir.op.Reduction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A DARTS-style cell: {@code numNodes} nodes after {@code numPredecessors} inputs; each node sums
 * {@code numOpsPerNode} ops, each a choice among {@code opCandidates} (label
 * {@code cell.op_i_j}) applied to a choice of one earlier node or input ({@code cell.input_i_j}),
 * with node indices counting from {@code numPredecessors} as in NNI. The cell returns its nodes
 * concatenated along channels: all of them, or the loose ends that no other node reads.
 */
public final class Cell extends NasModule {
  /** How the cell's output is formed from its nodes. */
  public enum Merge {
    /** Concatenates every node. */
    ALL,
    /** Concatenates the nodes no other node reads, so the width follows the input choices: read it with {@link Layer#AUTO}. */
    LOOSE_END
  }

  final int numNodes;
  final int numOpsPerNode;
  final int numPredecessors;
  final Merge merge;
  /** The cell's choices in order: input_i_j then op_i_j for every node i and op j. */
  final Map<String, NasModule> parts = new LinkedHashMap<>();

  /**
   * A cell of {@code numNodes} nodes after {@code numPredecessors} inputs, each node summing {@code numOpsPerNode}
   * ops chosen among {@code opCandidates} (name to factory, called once per op slot), with outputs merged as
   * {@code merge} says. Throws {@link SpaceException} if there are no candidates or any count is below 1.
   */
  public Cell(Map<String, ? extends Supplier<? extends NasModule>> opCandidates, int numNodes, int numOpsPerNode,
      int numPredecessors, Merge merge) {
    if (opCandidates.isEmpty()) {
      throw new SpaceException("a Cell needs at least one op candidate");
    }
    if (numNodes < 1 || numOpsPerNode < 1 || numPredecessors < 1) {
      throw new SpaceException("a Cell needs numNodes, numOpsPerNode and numPredecessors of at least 1, got "
          + numNodes + ", " + numOpsPerNode + ", " + numPredecessors);
    }
    this.numNodes = numNodes;
    this.numOpsPerNode = numOpsPerNode;
    this.numPredecessors = numPredecessors;
    this.merge = merge;
    for (int i = numPredecessors; i < numPredecessors + numNodes; i++) {
      for (int j = 0; j < numOpsPerNode; j++) {
        parts.put("input_" + i + "_" + j, new InputChoice(i, 1, Reduction.NONE));
        Map<String, NasModule> ops = new LinkedHashMap<>();
        opCandidates.forEach((name, factory) -> ops.put(name, factory.get()));
        parts.put("op_" + i + "_" + j, new LayerChoice(ops));
      }
    }
  }

  @Override
  public Tensor forward(Tensor x) {
    return forward(new Tensor[] {x});
  }

  @Override
  public Tensor forward(Tensor... inputs) {
    if (inputs.length != numPredecessors) {
      throw new SpaceException("this Cell takes " + numPredecessors + " inputs (numPredecessors), got " + inputs.length
          + " " + Trace.userFrame());
    }
    List<Tensor> states = new ArrayList<>(List.of(inputs));
    for (int i = numPredecessors; i < numPredecessors + numNodes; i++) {
      List<Tensor> ops = new ArrayList<>();
      for (int j = 0; j < numOpsPerNode; j++) {
        Tensor chosen = parts.get("input_" + i + "_" + j).forward(states.toArray(new Tensor[0]));
        ops.add(parts.get("op_" + i + "_" + j).forward(chosen));
      }
      states.add(ops.size() == 1 ? ops.get(0)
          : F.add(ops.get(0), ops.get(1), ops.subList(2, ops.size()).toArray(new Tensor[0])));
    }
    List<Tensor> nodes = states.subList(numPredecessors, states.size());
    if (merge == Merge.LOOSE_END) {
      List<InputChoice> choices = parts.values().stream().filter(InputChoice.class::isInstance).map(InputChoice.class::cast).toList();
      return nodes.get(0).graph.trace().looseEnd(choices, numPredecessors, nodes);
    }
    return nodes.size() == 1 ? nodes.get(0) : F.cat(nodes, 1);
  }
}
