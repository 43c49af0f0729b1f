package dev.jnas.ir.op;

import dev.jnas.ir.Graph;
import dev.jnas.ir.IrException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A choice among candidate subgraphs that take the node's inputs and give one output. */
public record LayerChoiceOp(String label, List<Candidate> candidates) implements Op {
  public LayerChoiceOp {
    if (label == null || label.isBlank()) {
      throw new IrException("a layer choice needs a non-blank label");
    }
    candidates = List.copyOf(candidates);
    if (candidates.isEmpty()) {
      throw new IrException("layer choice '" + label + "' has no candidates");
    }
    Set<String> names = new HashSet<>();
    int inputs = candidates.get(0).graph().inputs().size();
    for (Candidate c : candidates) {
      if (!names.add(c.name())) {
        throw new IrException("layer choice '" + label + "' has two candidates named " + c.name());
      }
      Graph g = c.graph();
      if (g.inputs().size() != inputs || g.outputs().size() != 1) {
        throw new IrException(
            "candidate " + c.name() + " of layer choice '" + label + "' takes " + g.inputs().size()
                + " inputs and gives " + g.outputs().size() + " outputs; every candidate must take "
                + inputs + " and give 1");
      }
    }
  }

  @Override
  public String kind() {
    return "layerChoice";
  }

  /** How many inputs the node takes: as many as each candidate graph. */
  public int inputCount() {
    return candidates.get(0).graph().inputs().size();
  }

  /** The decisions that pick each candidate, in order. */
  public List<Object> keys() {
    return candidates.stream().map(Candidate::key).toList();
  }

  /** The candidate a decision picks; an error naming the label when none matches. */
  public Candidate candidate(Object key) {
    for (Candidate c : candidates) {
      if (c.key().equals(key)) {
        return c;
      }
    }
    throw new IrException(
        "decision " + key + " for layer choice '" + label + "' is not among its candidates " + keys());
  }
}
