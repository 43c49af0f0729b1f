package dev.jnas.mutators;

import dev.jnas.ir.Choice;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Sample;
import java.util.List;

/**
 * A rewrite of a graph driven by decisions: it declares the choices it exposes on a graph and
 * applies a sample by building a new graph, never editing one in place. Write one to offer
 * choices the model class does not spell out (see the samples' ActivationMutator).
 */
public interface Mutator {
  /** The choices this mutator decides on {@code graph}, in order of first appearance. */
  List<Choice> choices(Graph graph);

  /** A new graph with this mutator's choices on {@code graph} replaced by the sample's decisions. */
  Graph apply(Graph graph, Sample sample);

  /** Who declares this mutator's choices, as messages name it ("custom mutator ActivationMutator"). */
  default String owner() {
    return "custom mutator " + Mutators.name(this);
  }
}
