package dev.jnas.mutators;

import dev.jnas.ir.Choice;
import dev.jnas.ir.Graph;
import dev.jnas.ir.IrException;
import dev.jnas.ir.Sample;
import dev.jnas.ir.SearchSpace;
import dev.jnas.ir.expr.Values;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

  /**
   * The search space of {@code space} with the extra choices of {@code custom} mutators (after the
   * model's, each multiplying the count), checked as an experiment's start checks it: every label
   * is one decision (a custom choice may not reuse a model choice's label, nor two mutators one
   * label), and the custom mutators, applied once with each of their first candidates, leave no
   * placeholder unfilled.
   */
  public static SearchSpace dryRun(Graph space, List<Mutator> custom) {
    SearchSpace base = SearchSpace.of(space);
    Map<String, Choice> extra = checkedCustomChoices(space, custom);
    List<Choice> choices = new ArrayList<>(base.choices());
    BigInteger count = base.count();
    Map<String, Object> first = new LinkedHashMap<>();
    for (Choice c : extra.values()) {
      choices.add(c);
      count = count.multiply(BigInteger.valueOf(c.candidates().size()));
      first.put(c.label(), c.candidates().get(0));
    }
    if (!Placeholders.in(space).isEmpty()) {
      Graph applied = space;
      for (Mutator m : custom) {
        applied = m.apply(applied, Sample.of(first));
      }
      requireNoPlaceholder(space, applied, custom);
    }
    return new SearchSpace(choices, count);
  }

  public static SearchSpace dryRun(Graph space) {
    return dryRun(space, List.of());
  }

  /** The canonical sample of these decisions on {@code space} (see {@link Sample#canonical}), custom choices last. */
  public static Sample sample(Graph space, Map<String, ?> decisions, List<Mutator> custom) {
    Map<String, Choice> extra = checkedCustomChoices(space, custom);
    Map<String, Object> own = new LinkedHashMap<>();
    Map<String, Object> theirs = new LinkedHashMap<>();
    decisions.forEach((label, decision) -> (extra.containsKey(label) ? theirs : own).put(label, decision));
    Map<String, Object> all = new LinkedHashMap<>(Sample.canonical(space, own).decisions());
    for (Choice c : extra.values()) {
      Object decision = theirs.get(c.label());
      if (decision == null) {
        throw new IrException("the sample has no decision for '" + c.label() + "', a custom mutator's " + describe(c)
            + "; custom choices are in every sample");
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
   * The first {@code limit} architectures of {@code space} widened by {@code custom} mutators, as
   * canonical samples: each of the space's architectures (in {@link SearchSpace#architectures}
   * order) with every combination of the custom choices, the last custom choice varying fastest.
   */
  public static List<Sample> architectures(Graph space, int limit, List<Mutator> custom) {
    List<Choice> extra = List.copyOf(checkedCustomChoices(space, custom).values());
    List<Sample> out = new ArrayList<>();
    for (Sample own : SearchSpace.architectures(space, limit)) {
      int[] index = new int[extra.size()];
      do {
        Map<String, Object> all = new LinkedHashMap<>(own.decisions());
        for (int i = 0; i < extra.size(); i++) {
          all.put(extra.get(i).label(), extra.get(i).candidates().get(index[i]));
        }
        out.add(Sample.of(all));
      } while (out.size() < limit && next(index, extra));
      if (out.size() >= limit) {
        break;
      }
    }
    return out;
  }

  /** Advances {@code index} over the candidates of {@code choices} like an odometer; false once it wraps. */
  private static boolean next(int[] index, List<Choice> choices) {
    for (int i = index.length - 1; i >= 0; i--) {
      if (++index[i] < choices.get(i).candidates().size()) {
        return true;
      }
      index[i] = 0;
    }
    return false;
  }

  /**
   * The frozen graph of one architecture: the custom mutators applied to {@code graph} in order,
   * then the built-in ones; the result is linted and shape-checked (see {@link Graph.Builder#build}).
   * {@code graph} is a traced space (BASE engine) or a fixed architecture's trace that still holds
   * placeholders (PURE engine), where the built-ins find nothing left to decide.
   */
  public static Graph freeze(Graph graph, Sample sample, List<Mutator> custom) {
    Graph current = graph;
    for (Mutator m : custom) {
      current = m.apply(current, sample);
    }
    requireNoPlaceholder(graph, current, custom);
    // Rounds until nothing is left to decide: a choice inside a Repeat of chosen depth (or inside
    // a candidate) exists only once the round that expanded it has run.
    for (Graph before = null; !current.isFrozen() && !current.equals(before); ) {
      before = current;
      for (Mutator m : BUILT_IN) {
        current = m.apply(current, sample);
      }
    }
    if (!current.isFrozen()) {
      throw new IrException("the sample " + sample + " leaves choices undecided in " + graph.name()
          + ": " + current.choices().stream().map(Choice::label).toList());
    }
    return current.withoutDeadNodes();
  }

  public static Graph freeze(Graph space, Sample sample) {
    return freeze(space, sample, List.of());
  }

  /**
   * A placeholder left after the custom mutators is an error naming it, where it is, and the
   * mutator that should have filled it: one declaring a choice of its label, else none.
   */
  private static void requireNoPlaceholder(Graph before, Graph after, List<Mutator> custom) {
    List<Placeholders.Found> left = Placeholders.in(after);
    if (left.isEmpty()) {
      return;
    }
    Placeholders.Found first = left.get(0);
    String label = first.placeholder().label();
    List<String> claiming = new ArrayList<>();
    for (Mutator m : custom) {
      if (m.choices(before).stream().anyMatch(c -> c.label().equals(label))) {
        claiming.add(name(m));
      }
    }
    String names = custom.isEmpty() ? "none were given" : "given " + String.join(", ", custom.stream().map(Mutators::name).toList());
    throw new IrException(first.path(), "placeholder '" + label + "' is still there after the custom mutators ("
        + names + "): " + (claiming.isEmpty()
            ? "no custom mutator declares a choice '" + label + "'; pass one that replaces it, such as new PlaceholderMutator("
                + Values.quote(label) + ").candidate(...), to NasExperiment or Mutators.freeze"
            : String.join(", ", claiming) + " declares the choice '" + label + "' but left the placeholder; its apply must replace"
                + " every placeholder labelled '" + label + "', nested ones included"));
  }

  /**
   * The choices {@code custom} mutators add to {@code space}, in order, checked as {@link #dryRun}
   * checks labels. The PURE engine leaves their decisions out when it instantiates the fixed
   * architecture, whose own choices are the model's.
   */
  public static List<Choice> customChoices(Graph space, List<Mutator> custom) {
    return List.copyOf(checkedCustomChoices(space, custom).values());
  }

  /**
   * The custom mutators' choices by label. A label is one decision: a custom choice with a model
   * choice's label, or one label from two mutators, is an error naming both; one mutator may
   * declare a label again only with the same candidates.
   */
  private static Map<String, Choice> checkedCustomChoices(Graph space, List<Mutator> custom) {
    Map<String, Choice> model = new LinkedHashMap<>();
    space.choices().forEach(c -> model.put(c.label(), c));
    Map<String, Choice> out = new LinkedHashMap<>();
    Map<String, Mutator> owners = new LinkedHashMap<>();
    for (Mutator m : custom) {
      for (Choice c : m.choices(space)) {
        if (c.candidates().isEmpty()) {
          throw new IrException(m.owner() + " declares choice '" + c.label() + "' with no candidates");
        }
        Choice own = model.get(c.label());
        if (own != null) {
          throw new IrException("label '" + c.label() + "' is used twice: by the model's " + describe(own) + " and by "
              + m.owner() + "'s " + describe(c) + "; labels must be unique across the model and the custom mutators, so rename one");
        }
        Mutator owner = owners.putIfAbsent(c.label(), m);
        Choice earlier = out.putIfAbsent(c.label(), c);
        if (owner != null && owner != m) {
          throw new IrException("label '" + c.label() + "' is used twice: by " + owner.owner() + "'s " + describe(earlier)
              + " and by " + m.owner() + "'s " + describe(c) + "; labels must be unique across the model and the"
              + " custom mutators, so rename one");
        }
        if (earlier != null && !earlier.equals(c)) {
          throw new IrException(m.owner() + " declares label '" + c.label() + "' twice, as " + describe(earlier)
              + " and as " + describe(c) + "; one label is one decision");
        }
      }
    }
    return out;
  }

  private static String describe(Choice c) {
    return c.kind().name().toLowerCase(Locale.ROOT) + " choice '" + c.label() + "' " + Values.render(c.candidates());
  }

  /** A mutator's class name for messages (the binary name for an anonymous class). */
  static String name(Mutator m) {
    String simple = m.getClass().getSimpleName();
    return simple.isEmpty() ? m.getClass().getName() : simple;
  }
}
