package dev.jnas.engine;

import dev.jnas.engine.strategy.ArchitectureSpace;
import dev.jnas.ir.Choice;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Sample;
import dev.jnas.ir.SearchSpace;
import dev.jnas.mutators.Mutators;
import java.util.List;
import java.util.Map;

/** A traced space as strategies see it: choices and architectures, the IR kept out of sight. */
public final class TracedArchitectures implements ArchitectureSpace {
  private final Graph graph;
  private final SearchSpace space;

  public TracedArchitectures(Graph graph) {
    this.graph = graph;
    this.space = SearchSpace.of(graph);
  }

  public SearchSpace searchSpace() {
    return space;
  }

  @Override
  public List<Choice> choices() {
    return space.choices();
  }

  @Override
  public java.math.BigInteger count() {
    return space.count();
  }

  @Override
  public Sample canonical(Map<String, Object> decisions) {
    return Mutators.sample(graph, decisions);
  }

  @Override
  public List<Sample> architectures(int limit) {
    return SearchSpace.architectures(graph, limit);
  }

  @Override
  public dev.jnas.engine.strategy.ArchitectureStats stats(Sample sample) {
    dev.jnas.ir.Analysis a = dev.jnas.ir.Analysis.of(Mutators.freeze(graph, sample));
    return new dev.jnas.engine.strategy.ArchitectureStats(a.params(), a.flops(), a.outputs().stream().map(Object::toString).toList());
  }
}
