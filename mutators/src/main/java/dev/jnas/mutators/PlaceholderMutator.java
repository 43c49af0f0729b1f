package dev.jnas.mutators;

import dev.jnas.ir.Choice;
import dev.jnas.ir.ChoiceKind;
import dev.jnas.ir.Graph;
import dev.jnas.ir.GraphInput;
import dev.jnas.ir.Inliner;
import dev.jnas.ir.IrException;
import dev.jnas.ir.Node;
import dev.jnas.ir.Sample;
import dev.jnas.ir.expr.Values;
import dev.jnas.ir.op.Candidate;
import dev.jnas.ir.op.LayerChoiceOp;
import dev.jnas.ir.op.Op;
import dev.jnas.ir.op.PlaceholderOp;
import dev.jnas.ir.op.RepeatOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A custom mutator that fills every placeholder labelled {@code label} with one of its candidates:
 * one choice, also labelled {@code label}, whose decision is a candidate's key. It replaces them
 * wherever they are (inside layer-choice candidates and repeat blocks too), so it gives the same
 * architecture on a traced space (BASE engine) and on a fixed architecture's trace (PURE engine).
 * <pre>{@code
 * new PlaceholderMutator("act").candidate("relu", p -> new Relu()).candidate("gelu", p -> new Gelu())
 * }</pre>
 */
public final class PlaceholderMutator implements Mutator {
  private final String label;
  private final Map<String, Function<PlaceholderOp, Graph>> candidates = new LinkedHashMap<>();

  public PlaceholderMutator(String label) {
    if (label == null || label.isBlank()) {
      throw new IrException("a PlaceholderMutator needs the non-blank label of the placeholders it fills");
    }
    this.label = label;
  }

  /** Adds a candidate: the op built from the placeholder (its dims and info) replaces it. */
  public PlaceholderMutator candidate(String key, Function<PlaceholderOp, ? extends Op> op) {
    return candidateGraph(key, p -> {
      Graph.Builder body = Graph.builder("Candidate").input("x");
      body.node(Inliner.SELF, op.apply(p), "x");
      return body.output(Inliner.SELF).build();
    });
  }

  /**
   * Adds a candidate whose replacement is a graph of one input and one output; its nodes take the
   * placeholder's name as a prefix, as a layer choice's candidate does ({@link Inliner}).
   */
  public PlaceholderMutator candidateGraph(String key, Function<PlaceholderOp, Graph> graph) {
    if (key == null || candidates.containsKey(key)) {
      throw new IrException("PlaceholderMutator '" + label + "' has " + (key == null ? "a null candidate key" : "two candidates " + Values.quote(key)));
    }
    candidates.put(key, graph);
    return this;
  }

  @Override
  public List<Choice> choices(Graph graph) {
    if (candidates.isEmpty()) {
      throw new IrException("PlaceholderMutator '" + label + "' has no candidates; add them with candidate(key, op)");
    }
    boolean holds = Placeholders.in(graph).stream().anyMatch(f -> f.placeholder().label().equals(label));
    return holds ? List.of(new Choice(label, ChoiceKind.LAYER, List.copyOf(candidates.keySet()))) : List.of();
  }

  @Override
  public Graph apply(Graph graph, Sample sample) {
    return rewrite(graph, sample);
  }

  private Graph rewrite(Graph graph, Sample sample) {
    if (Placeholders.in(graph).stream().noneMatch(f -> f.placeholder().label().equals(label))) {
      return graph;
    }
    Graph.Builder builder = Graph.builder(graph.name()).withoutShapeCheck();
    for (GraphInput input : graph.inputs()) {
      builder.input(input);
    }
    Map<String, String> values = new HashMap<>();
    graph.inputs().forEach(i -> values.put(i.name(), i.name()));
    for (Node node : graph.nodes()) {
      List<String> inputs = node.inputs().stream().map(values::get).toList();
      Op op = node.op();
      if (op instanceof PlaceholderOp p && p.label().equals(label)) {
        values.put(node.name(), Inliner.inline(builder, node.name(), replacement(node, p, sample), inputs));
        continue;
      }
      if (op instanceof LayerChoiceOp lc) {
        List<Candidate> rewritten = new ArrayList<>();
        lc.candidates().forEach(c -> rewritten.add(new Candidate(c.name(), rewrite(c.graph(), sample))));
        op = new LayerChoiceOp(lc.label(), rewritten);
      } else if (op instanceof RepeatOp r) {
        op = new RepeatOp(r.depth(), r.blocks().stream().map(b -> rewrite(b, sample)).toList());
      }
      values.put(node.name(), builder.node(node.name(), op, inputs));
    }
    graph.outputs().forEach(out -> builder.output(values.get(out)));
    return builder.build();
  }

  private Graph replacement(Node node, PlaceholderOp p, Sample sample) {
    Object decision = sample.get(label);
    if (decision == null) {
      throw new IrException(List.of(node.name()), "the sample has no decision for '" + label
          + "', the choice of PlaceholderMutator that fills this placeholder");
    }
    Function<PlaceholderOp, Graph> make = candidates.get(decision);
    if (make == null) {
      throw new IrException(List.of(node.name()), "decision " + Values.render(decision) + " for '" + label
          + "' is not among the PlaceholderMutator's candidates " + Values.render(List.copyOf(candidates.keySet())));
    }
    Graph body = make.apply(p);
    if (body.inputs().size() != 1 || body.outputs().size() != 1) {
      throw new IrException(List.of(node.name()), "candidate " + Values.quote((String) decision) + " of PlaceholderMutator '"
          + label + "' must take 1 input and give 1 output, not " + body.inputs().size() + " and " + body.outputs().size());
    }
    return body;
  }

  @Override
  public String toString() {
    return "PlaceholderMutator(" + Values.quote(label) + ", " + Values.render(List.copyOf(candidates.keySet())) + ")";
  }
}
