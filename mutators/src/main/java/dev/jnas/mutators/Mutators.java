package dev.jnas.mutators;

import dev.jnas.ir.Choice;
import dev.jnas.ir.Graph;
import dev.jnas.ir.IrException;
import dev.jnas.ir.Sample;
import dev.jnas.ir.SearchSpace;
import dev.jnas.ir.expr.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in mutators, one per choice kind, and the operations on a traced space that use them.
 * A DARTS cell is traced into layer and input choices, so LAYER and INPUT decide cells as well;
 * CELL decides only a cell's choices.
 */
public final class Mutators {
  public static final Mutator LAYER = new LayerChoiceMutator();
  public static final Mutator REPEAT = new RepeatMutator();
  public static final Mutator INPUT = new InputChoiceMutator();
  public static final Mutator VALUE = new ValueChoiceMutator();
  public static final Mutator CELL = new CellMutator((NodeRewriter) LAYER, (NodeRewriter) INPUT);
  /** In the order {@link #freeze} applies them, round after round until the graph is frozen: structure first, then values. */
  public static final List<Mutator> BUILT_IN = List.of(LAYER, REPEAT, INPUT, VALUE);

  private Mutators() {}

  /** The search space of {@code space} with the extra choices of {@code custom} mutators, without building anything. */
  public static SearchSpace dryRun(Graph space, List<Mutator> custom) {
    SearchSpace base = SearchSpace.of(space);
    List<Choice> choices = new ArrayList<>(base.choices());
    java.math.BigInteger count = base.count();
    for (Choice c : customChoices(space, custom).values()) {
      choices.add(c);
      count = count.multiply(java.math.BigInteger.valueOf(c.candidates().size()));
    }
    return new SearchSpace(choices, count);
  }

  public static SearchSpace dryRun(Graph space) {
    return dryRun(space, List.of());
  }

  /** The canonical sample of these decisions on {@code space} (see {@link Sample#canonical}), custom choices last. */
  public static Sample sample(Graph space, Map<String, ?> decisions, List<Mutator> custom) {
    Map<String, Choice> extra = customChoices(space, custom);
    Map<String, Object> own = new LinkedHashMap<>();
    Map<String, Object> theirs = new LinkedHashMap<>();
    decisions.forEach((label, decision) -> (extra.containsKey(label) ? theirs : own).put(label, decision));
    Map<String, Object> all = new LinkedHashMap<>(Sample.canonical(space, own).decisions());
    for (Choice c : extra.values()) {
      Object decision = theirs.get(c.label());
      if (decision == null) {
        throw new IrException("the sample has no decision for '" + c.label() + "'");
      }
      Object normalized = Values.normalize(decision);
      if (!c.candidates().contains(normalized)) {
        throw new IrException("decision " + Values.render(normalized) + " for '" + c.label()
            + "' is not among its candidates " + Values.render(c.candidates()));
      }
      all.put(c.label(), normalized);
    }
    return Sample.of(all);
  }

  public static Sample sample(Graph space, Map<String, ?> decisions) {
    return sample(space, decisions, List.of());
  }

  /**
   * The frozen graph of one architecture: the custom mutators applied to the space, then the
   * built-in ones; the result is linted and shape-checked (see {@link Graph.Builder#build}).
   */
  public static Graph freeze(Graph space, Sample sample, List<Mutator> custom) {
    Graph graph = space;
    for (Mutator m : custom) {
      graph = m.apply(graph, sample);
    }
    // Rounds until nothing is left to decide: a choice inside a Repeat of chosen depth (or inside
    // a candidate) exists only once the round that expanded it has run.
    for (Graph before = null; !graph.isFrozen() && !graph.equals(before); ) {
      before = graph;
      for (Mutator m : BUILT_IN) {
        graph = m.apply(graph, sample);
      }
    }
    if (!graph.isFrozen()) {
      throw new IrException("the sample " + sample + " leaves choices undecided in " + space.name()
          + ": " + graph.choices().stream().map(Choice::label).toList());
    }
    return graph.withoutDeadNodes();
  }

  public static Graph freeze(Graph space, Sample sample) {
    return freeze(space, sample, List.of());
  }

  private static Map<String, Choice> customChoices(Graph space, List<Mutator> custom) {
    Map<String, Choice> out = new LinkedHashMap<>();
    for (Mutator m : custom) {
      for (Choice c : m.choices(space)) {
        out.putIfAbsent(c.label(), c);
      }
    }
    return out;
  }
}
