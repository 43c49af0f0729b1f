package dev.jnas.ir;

import dev.jnas.ir.op.Op;
import dev.jnas.ir.op.PrimitiveOp;
import dev.jnas.ir.text.IrPrinter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable dataflow graph: named inputs, nodes in topological order, and outputs. Choice
 * points are nodes and attribute expressions, so one type describes a search space and a frozen
 * model alike. Built only through {@link Builder}, whose {@code build()} lints it.
 */
public final class Graph {
  private final String name;
  private final List<GraphInput> inputs;
  private final List<Node> nodes;
  private final List<String> outputs;
  private final Map<String, Node> byName;

  private Graph(String name, List<GraphInput> inputs, List<Node> nodes, List<String> outputs) {
    this.name = name;
    this.inputs = List.copyOf(inputs);
    this.nodes = List.copyOf(nodes);
    this.outputs = List.copyOf(outputs);
    Map<String, Node> index = new LinkedHashMap<>();
    for (Node n : nodes) {
      index.put(n.name(), n);
    }
    this.byName = Collections.unmodifiableMap(index);
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The graph's name: the model class for an outermost graph, the module class for a candidate. */
  public String name() {
    return name;
  }

  public List<GraphInput> inputs() {
    return inputs;
  }

  /** The nodes in topological order: each reads only inputs and earlier nodes. */
  public List<Node> nodes() {
    return nodes;
  }

  public List<String> outputs() {
    return outputs;
  }

  /** The node named {@code name}, if any. */
  public Optional<Node> node(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Whether every input has a shape, so shapes and costs can be inferred without more help. */
  public boolean hasInputShapes() {
    return inputs.stream().allMatch(i -> i.shape().isPresent());
  }

  /** True when no choice point is left: primitive ops only, every attribute free of choices. */
  public boolean isFrozen() {
    for (Node n : nodes) {
      if (!(n.op() instanceof PrimitiveOp p)) {
        return false;
      }
      if (p.attributes().values().stream().anyMatch(e -> !e.choices().isEmpty())) {
        return false;
      }
    }
    return true;
  }

  /**
   * This frozen graph without the nodes no output depends on (a branch an input choice did not
   * pick, say), so they are neither generated, trained nor counted; the owner of a kept shared
   * layer is kept. The graph itself when nothing is dead.
   */
  public Graph withoutDeadNodes() {
    java.util.Set<String> live = new java.util.HashSet<>(outputs);
    for (int i = nodes.size() - 1; i >= 0; i--) {
      Node n = nodes.get(i);
      if (live.contains(n.name())) {
        live.addAll(n.inputs());
        if (n.shares() != null) {
          live.add(n.shares());
        }
      }
    }
    if (nodes.stream().allMatch(n -> live.contains(n.name()))) {
      return this;
    }
    Builder b = builder(name);
    inputs.forEach(b::input);
    nodes.stream().filter(n -> live.contains(n.name())).forEach(b::node);
    b.output(outputs.toArray(new String[0]));
    return b.build();
  }

  /** Every decision point, by label, in order of first appearance (nested ones included). */
  public List<Choice> choices() {
    return ChoiceCollector.collect(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Graph g
        && name.equals(g.name)
        && inputs.equals(g.inputs)
        && nodes.equals(g.nodes)
        && outputs.equals(g.outputs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, inputs, nodes, outputs);
  }

  /** The canonical IR text. */
  @Override
  public String toString() {
    return IrPrinter.print(this);
  }

  /** Assembles one graph; single use. The only mutable IR type. */
  public static final class Builder {
    private final String name;
    private final List<GraphInput> inputs = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final List<String> outputs = new ArrayList<>();
    private boolean built;
    private boolean checkShapes = true;

    private Builder(String name) {
      Names.check(name, "graph");
      this.name = name;
    }

    /** Adds an input with a shape (outermost graphs). */
    public Builder input(String name, TensorShape shape) {
      return input(new GraphInput(name, Optional.of(shape)));
    }

    /** Adds an input whose shape comes from the node that uses the graph (candidate graphs). */
    public Builder input(String name) {
      return input(new GraphInput(name, Optional.empty()));
    }

    public Builder input(GraphInput input) {
      open();
      inputs.add(input);
      return this;
    }

    /** Adds a node and returns its name, the value later nodes read. */
    public String node(String name, Op op, String... inputs) {
      return node(name, op, Arrays.asList(inputs));
    }

    public String node(String name, Op op, List<String> inputs) {
      return node(new Node(name, op, inputs));
    }

    /** Adds a node that uses the parameters of the earlier node {@code owner} (weight sharing). */
    public String sharedNode(String name, Op op, String owner, List<String> inputs) {
      return node(new Node(name, op, inputs, owner));
    }

    public String node(Node node) {
      open();
      nodes.add(node);
      return node.name();
    }

    public Builder output(String... names) {
      open();
      outputs.addAll(Arrays.asList(names));
      return this;
    }

    /**
     * Skips the shape check of {@link #build()}: only for a rewrite of a space that was checked
     * already (a partly decided space checks a subset of its architectures). A frozen graph is
     * always built with the check.
     */
    public Builder withoutShapeCheck() {
      open();
      checkShapes = false;
      return this;
    }

    /**
     * The graph, once it passes lint: unique valid names, references only to earlier values, op
     * arity, consistent choice labels, and, when every input has a shape, shapes for every
     * candidate (see {@link ShapeCheck}).
     */
    public Graph build() {
      open();
      built = true;
      Graph graph = new Graph(name, inputs, nodes, outputs);
      GraphLint.check(graph);
      if (graph.hasInputShapes() && (checkShapes || graph.isFrozen())) {
        ShapeCheck.check(graph);
      }
      return graph;
    }

    private void open() {
      if (built) {
        throw new IllegalStateException("this Graph.Builder has already built its graph");
      }
    }
  }
}
