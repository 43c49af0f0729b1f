package dev.jnas.engine;

import dev.jnas.engine.strategy.ArchitectureSpace;
import dev.jnas.engine.strategy.ArchitectureStats;
import dev.jnas.ir.Analysis;
import dev.jnas.ir.Choice;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Sample;
import dev.jnas.ir.SearchSpace;
import dev.jnas.mutators.Mutator;
import dev.jnas.mutators.Mutators;
import java.util.List;
import java.util.Map;

/**
 * A traced space as strategies see it, widened by custom mutators: choices and architectures, the
 * IR kept out of sight. The custom choices come after the model's, and every sample decides them.
 */
public final class TracedArchitectures implements ArchitectureSpace {
  private final Graph graph;
  private final List<Mutator> custom;
  private final SearchSpace space;

  public TracedArchitectures(Graph graph) {
    this(graph, List.of());
  }

  /** The space of {@code graph} and {@code custom} mutators; a label clash or an unfilled placeholder fails here (see {@link Mutators#dryRun}). */
  public TracedArchitectures(Graph graph, List<Mutator> custom) {
    this.graph = graph;
    this.custom = List.copyOf(custom);
    this.space = Mutators.dryRun(graph, this.custom);
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
    return Mutators.sample(graph, decisions, custom);
  }

  @Override
  public List<Sample> architectures(int limit) {
    return Mutators.architectures(graph, limit, custom);
  }

  @Override
  public ArchitectureStats stats(Sample sample) {
    Analysis a = Analysis.of(Mutators.freeze(graph, sample, custom));
    return new ArchitectureStats(a.params(), a.flops(), a.outputs().stream().map(Object::toString).toList());
  }
}
