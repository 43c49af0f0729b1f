package dev.jnas.engine;

import dev.jnas.ir.Choice;
import dev.jnas.ir.ChoiceKind;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Sample;
import dev.jnas.ir.expr.Values;
import dev.jnas.mutators.Mutator;
import dev.jnas.runtime.Hyperparameter;
import java.util.List;

/**
 * An evaluator's {@link Hyperparameter} as a choice of the search space: declared after the
 * model's (and the custom mutators') choices so every strategy samples it, with a label that must
 * be unique among them; it leaves the graph alone, since only the trial's evaluator reads it.
 */
final class HyperparameterMutator implements Mutator {
  private final Choice choice;

  HyperparameterMutator(Hyperparameter<?> hyperparameter) {
    @SuppressWarnings("unchecked")
    List<Object> candidates = (List<Object>) Values.normalize(List.copyOf(hyperparameter.candidates()));
    this.choice = new Choice(hyperparameter.label(), ChoiceKind.VALUE, candidates);
  }

  /** One mutator per hyperparameter, in order. */
  static List<Mutator> of(List<Hyperparameter<?>> hyperparameters) {
    return hyperparameters.stream().<Mutator>map(HyperparameterMutator::new).toList();
  }

  @Override
  public List<Choice> choices(Graph graph) {
    return List.of(choice);
  }

  @Override
  public Graph apply(Graph graph, Sample sample) {
    return graph;
  }

  @Override
  public String owner() {
    return "the evaluator's hyperparameter";
  }
}
