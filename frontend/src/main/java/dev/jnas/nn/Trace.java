package dev.jnas.nn;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Inliner;
import dev.jnas.ir.IrException;
import dev.jnas.ir.Names;
import dev.jnas.ir.Node;
import dev.jnas.ir.ShapeCheck;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.expr.Values;
import dev.jnas.ir.op.Candidate;
import dev.jnas.ir.op.IdentityOp;
import dev.jnas.ir.op.InputChoiceOp;
import dev.jnas.ir.op.LayerChoiceOp;
import dev.jnas.ir.op.LooseEndOp;
import dev.jnas.ir.op.Op;
import dev.jnas.ir.op.PlaceholderOp;
import dev.jnas.ir.op.PrimitiveOp;
import dev.jnas.ir.op.Reduction;
import dev.jnas.ir.op.RepeatOp;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * One run of a model's forward on symbolic tensors, recording IR nodes. In a space, each tensor
 * carries its shape under every architecture the trace checks (see
 * {@link dev.jnas.ir.ShapeCheck#assignments}), so a bad candidate fails at the op that cannot take
 * it; in a fixed architecture, choices resolve to their decisions and the graph comes out frozen.
 */
final class Trace {
  private static final ThreadLocal<Trace> CURRENT = new ThreadLocal<>();
  private static final URL FRAMEWORK = Trace.class.getProtectionDomain().getCodeSource().getLocation();

  private final SpaceInfo info;
  private final Decisions fixed;
  private final List<Decisions> assignments;
  private final Map<List<Object>, Object> shapeCache = new HashMap<>();
  /** The graph of each layer's first call, to refuse sharing across graphs (see {@link #layer}). */
  private final Map<Layer, TraceGraph> layerGraphs = new IdentityHashMap<>();
  /** How many repeat blocks enclose the graph being traced: their layers are copied per position. */
  private int repeatDepth;
  private TraceGraph graph;

  /** A graph being recorded: the root's, or a candidate's or block's. */
  final class TraceGraph {
    final Graph.Builder builder;
    /** Module path of the module whose forward this graph records ("" for the root). */
    final String prefix;
    /** Which architectures reach this graph. */
    final boolean[] active;
    /** IR path to this graph for messages: node, candidate, node, ... */
    final List<String> context;
    final Set<String> names = new HashSet<>();
    final Set<NasModule> called = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The node of each layer's first call in this graph, which later calls share. */
    final Map<Layer, String> layerNodes = new IdentityHashMap<>();
    /** Whether this graph is (inside) a repeat block, whose layers each position copies. */
    final boolean copied = repeatDepth > 0;

    TraceGraph(Graph.Builder builder, String prefix, boolean[] active, List<String> context) {
      this.builder = builder;
      this.prefix = prefix;
      this.active = active;
      this.context = context;
    }

    Trace trace() {
      return Trace.this;
    }
  }

  private record Sub(Graph graph, TensorShape[] output) {}

  /** How a node's output shape follows from its input shapes under one architecture. */
  private interface ShapeRule {
    TensorShape apply(List<TensorShape> inputs, Decisions decisions);
  }

  private Trace(SpaceInfo info, Decisions fixed, List<Decisions> assignments) {
    this.info = info;
    this.fixed = fixed;
    this.assignments = assignments;
  }

  static Trace current(String what) {
    Trace t = CURRENT.get();
    if (t == null) {
      throw new SpaceException(what + " runs only while jnas traces a model (Tracer.trace)");
    }
    return t;
  }

  static Trace active() {
    return CURRENT.get();
  }

  /** Records {@code root.forward} on inputs of {@code inputShapes}. */
  static Graph traceRoot(NasModule root, SpaceInfo info, Decisions fixed, List<Decisions> assignments, List<TensorShape> inputShapes) {
    Trace trace = new Trace(info, fixed, assignments);
    Trace previous = CURRENT.get();
    CURRENT.set(trace);
    try {
      boolean[] all = new boolean[assignments.size()];
      Arrays.fill(all, true);
      // The trace itself shape-checks every architecture it records under, so the root graph's
      // build skips the same check unless the graph's choices differ from the walked ones.
      TraceGraph g = trace.new TraceGraph(Graph.builder(graphName(root)).withoutShapeCheck(), "", all, List.of());
      List<Tensor> inputs = new ArrayList<>();
      for (int i = 0; i < inputShapes.size(); i++) {
        String name = inputName(i, inputShapes.size());
        g.builder.input(name, inputShapes.get(i));
        g.names.add(name);
        TensorShape[] shapes = new TensorShape[assignments.size()];
        Arrays.fill(shapes, inputShapes.get(i));
        inputs.add(new Tensor(g, name, shapes));
      }
      trace.graph = g;
      Tensor out = trace.invoke(root, inputs);
      trace.checkOwn(out, g);
      g.builder.output(out.name);
      Graph graph = trace.build(g);
      if (!new java.util.HashSet<>(graph.choices()).equals(new java.util.HashSet<>(info.choices()))) {
        try {
          ShapeCheck.check(graph);
        } catch (IrException e) {
          throw new SpaceException(String.join(" > ", e.path()) + (e.path().isEmpty() ? "" : ": ") + e.detail(), e);
        }
      }
      return graph;
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  // ---- what modules and functions record ------------------------------------------------

  /**
   * Records a layer's call. A second call of the same layer in one graph uses the first call's
   * parameters (weight sharing, as calling one PyTorch module twice): it becomes a node named
   * {@code layer_1} that shares the first node.
   */
  Tensor layer(Layer layer, Tensor x) {
    PrimitiveOp op = layer.op(this::attr);
    TraceGraph g = graph;
    TraceGraph first = layerGraphs.putIfAbsent(layer, g);
    if (first != null && first != g && !first.copied && !g.copied) {
      throw new SpaceException("'" + info.path(layer) + "' is called in " + describe(first) + " and again in " + describe(g)
          + " " + userFrame() + "; a layer's weights can be shared only within one graph, not across a choice's candidates");
    }
    String owner = g.layerNodes.get(layer);
    if (owner != null) {
      return record(freshName(owner), op, List.of(x), op::outputShape, op, owner);
    }
    String name = moduleNode(layer);
    g.layerNodes.put(layer, name);
    return record(name, op, List.of(x), op::outputShape, op);
  }

  Tensor function(String base, Function<Function<Object, Expr>, PrimitiveOp> maker, List<Tensor> inputs) {
    PrimitiveOp op = maker.apply(this::attr);
    return record(freshName(base), op, inputs, op::outputShape, op);
  }

  Tensor layerChoice(LayerChoice lc, Tensor[] xs) {
    String label = info.label(lc);
    String name = moduleNode(lc);
    TraceGraph g = graph;
    List<TensorShape[]> args = new ArrayList<>();
    for (Tensor x : xs) {
      checkOwn(x, g);
      args.add(x.shapes);
    }
    if (fixed != null) {
      Object key = decision(label);
      NasModule candidate = lc.candidates.get(String.valueOf(key));
      if (candidate == null) {
        throw new SpaceException("decision " + Values.render(key) + " for layer choice '" + label
            + "' is not among its candidates " + info.choices().stream().filter(c -> c.label().equals(label)).findFirst().orElseThrow().candidates());
      }
      Sub sub = traceSub(candidate, g.active, context(g, name, String.valueOf(key)), args);
      return new Tensor(g, inline(g, name, sub.graph(), names(xs)), sub.output());
    }
    List<Candidate> candidates = new ArrayList<>();
    Map<Object, TensorShape[]> outputs = new HashMap<>();
    for (Map.Entry<String, NasModule> entry : lc.candidates.entrySet()) {
      Object key = Candidate.keyOf(entry.getKey());
      boolean[] active = where(g.active, i -> key.equals(assignments.get(i).byLabel().get(label)));
      Sub sub = traceSub(entry.getValue(), active, context(g, name, entry.getKey()), args);
      candidates.add(new Candidate(entry.getKey(), sub.graph()));
      outputs.put(key, sub.output());
    }
    TensorShape[] out = new TensorShape[assignments.size()];
    for (int i = 0; i < out.length; i++) {
      if (g.active[i]) {
        out[i] = outputs.get(assignments.get(i).byLabel().get(label))[i];
      }
    }
    addNode(g, name, new LayerChoiceOp(label, candidates), names(xs));
    return new Tensor(g, name, out);
  }

  /**
   * Records an input choice: one node, or for reduction none with several chosen, one node per
   * position (named {@code pick}, {@code pick_1}, ...), all deciding by the same label.
   */
  List<Tensor> inputChoice(InputChoice ic, Tensor[] xs) {
    String label = info.label(ic);
    if (xs.length != ic.nCandidates) {
      throw new SpaceException("InputChoice '" + label + "' takes " + ic.nCandidates + " candidate tensors, got "
          + xs.length + " " + userFrame());
    }
    String name = moduleNode(ic);
    boolean each = ic.reduction == Reduction.NONE && ic.nChosen > 1;
    List<Tensor> out = new ArrayList<>();
    for (int position = 0; position < (each ? ic.nChosen : 1); position++) {
      String node = position == 0 ? name : freshName(name);
      InputChoiceOp op = new InputChoiceOp(label, ic.nChosen, ic.reduction, each ? position : -1);
      if (fixed != null) {
        Object decision = decision(label);
        if (!op.decisions(xs.length).contains(decision)) {
          throw new SpaceException("decision " + Values.render(decision) + " for input choice '" + label + "' must be "
              + (ic.nChosen == InputChoiceOp.ANY ? "1 or more" : ic.nChosen) + " sorted distinct indices below " + xs.length);
        }
        List<Tensor> chosen = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Integer> passed = op.passed((List<Integer>) decision);
        for (int index : passed) {
          chosen.add(xs[index]);
        }
        PrimitiveOp merge = op.frozen(chosen.size());
        out.add(record(node, merge, chosen, merge::outputShape, merge));
      } else {
        out.add(record(node, op, List.of(xs), (ins, d) -> op.outputShape(ins, d.get(label)), List.of(label, position)));
      }
    }
    return out;
  }

  Tensor repeat(Repeat r, Tensor x) {
    String name = moduleNode(r);
    TraceGraph g = graph;
    checkOwn(x, g);
    if (fixed != null || !(r.depth instanceof ValueChoice<?> choice)) {
      int depth = r.depth instanceof Integer fixedDepth ? fixedDepth : (Integer) resolve((ValueChoice<?>) r.depth);
      if (depth == 0) {
        return record(name, new IdentityOp(), List.of(x), (ins, d) -> ins.get(0), "identity");
      }
      Tensor current = x;
      for (int i = 0; i < depth; i++) {
        repeatDepth++;
        Sub sub;
        try {
          sub = traceSub(r.block(i), g.active, context(g, name, Integer.toString(i)), List.<TensorShape[]>of(current.shapes));
        } finally {
          repeatDepth--;
        }
        current = new Tensor(g, inline(g, name + "." + i, sub.graph(), List.of(current.name)), sub.output());
      }
      return current;
    }
    Expr depth = choice.toExpr(this::labelOf);
    int[] depths = new int[assignments.size()];
    for (int i = 0; i < depths.length; i++) {
      depths[i] = (Integer) depth.evaluate(assignments.get(i));
    }
    List<Graph> blocks = new ArrayList<>();
    List<TensorShape[]> outputs = new ArrayList<>();
    TensorShape[] previous = x.shapes;
    for (int position = 0; position < Math.max(1, r.maxDepth); position++) {
      int p = position;
      boolean[] active = where(g.active, i -> depths[i] > p);
      repeatDepth++;
      Sub sub;
      try {
        sub = traceSub(r.block(position), active, context(g, name, Integer.toString(position)), List.<TensorShape[]>of(previous));
      } finally {
        repeatDepth--;
      }
      blocks.add(sub.graph());
      outputs.add(sub.output());
      previous = sub.output();
    }
    if (r.blocks.size() == 1 && blocks.stream().allMatch(blocks.get(0)::equals)) {
      blocks = List.of(blocks.get(0));
    }
    TensorShape[] out = new TensorShape[assignments.size()];
    for (int i = 0; i < out.length; i++) {
      if (g.active[i]) {
        out[i] = depths[i] == 0 ? x.shapes[i] : outputs.get(depths[i] - 1)[i];
      }
    }
    addNode(g, name, new RepeatOp(depth, blocks), List.of(x.name));
    return new Tensor(g, name, out);
  }

  /** A placeholder stays a placeholder, in a space and in a fixed architecture alike: only a custom mutator replaces it. */
  Tensor placeholder(Placeholder p, Tensor x) {
    PlaceholderOp op = p.op();
    String name = moduleNode(p);
    return record(name, op, List.of(x), (ins, d) -> op.outputShape(ins.get(0)), op);
  }

  /** A cell's loose ends: the nodes none of its input choices picks, concatenated. */
  Tensor looseEnd(List<InputChoice> inputChoices, int offset, List<Tensor> nodes) {
    List<String> labels = inputChoices.stream().map(info::label).toList();
    LooseEndOp op = new LooseEndOp(labels, offset);
    String name = freshName("loose_end");
    if (fixed != null) {
      List<Tensor> loose;
      try {
        loose = op.loose(nodes.size(), fixed).stream().map(nodes::get).toList();
      } catch (IrException e) {
        throw new SpaceException(e.getMessage() + " " + userFrame(), e);
      }
      PrimitiveOp merge = op.frozen(loose.size());
      return record(name, merge, loose, merge::outputShape, merge);
    }
    return record(name, op, nodes, op::outputShape, op);
  }

  // ---- shapes ---------------------------------------------------------------------------

  TensorShape commonShape(Tensor t) {
    Map<TensorShape, Integer> distinct = new LinkedHashMap<>();
    for (int i = 0; i < t.shapes.length; i++) {
      if (t.shapes[i] != null) {
        distinct.putIfAbsent(t.shapes[i], i);
      }
    }
    if (distinct.size() == 1) {
      return distinct.keySet().iterator().next();
    }
    if (distinct.isEmpty()) {
      throw new SpaceException("tensor '" + t.name + "' is reached by no architecture this trace checks " + userFrame());
    }
    List<Map.Entry<TensorShape, Integer>> two = new ArrayList<>(distinct.entrySet()).subList(0, 2);
    throw new SpaceException("the shape of tensor '" + t.name + "' depends on the architecture: "
        + two.get(0).getKey() + " with " + assignments.get(two.get(0).getValue()) + " but "
        + two.get(1).getKey() + " with " + assignments.get(two.get(1).getValue())
        + "; Java code cannot branch on it while tracing a space " + userFrame());
  }

  private Tensor record(String name, Op op, List<Tensor> inputs, ShapeRule rule, Object cacheKey) {
    return record(name, op, inputs, rule, cacheKey, null);
  }

  /** Records a node; {@code shares} names the earlier node whose parameters it uses, or is null. */
  private Tensor record(String name, Op op, List<Tensor> inputs, ShapeRule rule, Object cacheKey, String shares) {
    TraceGraph g = graph;
    for (Tensor t : inputs) {
      checkOwn(t, g);
    }
    List<String> labels = op instanceof PrimitiveOp p
        ? p.attributes().values().stream().flatMap(e -> e.choices().stream()).map(c -> c.label()).distinct().toList()
        : op instanceof InputChoiceOp ic ? List.of(ic.label())
        : op instanceof LooseEndOp le ? le.labels() : List.of();
    TensorShape[] out = new TensorShape[assignments.size()];
    for (int i = 0; i < out.length; i++) {
      if (!g.active[i]) {
        continue;
      }
      List<TensorShape> in = new ArrayList<>(inputs.size());
      for (Tensor t : inputs) {
        in.add(t.shapes[i]);
      }
      if (in.contains(null)) {
        continue;
      }
      Decisions decisions = assignments.get(i);
      List<Object> key = new ArrayList<>(List.of(cacheKey, in));
      labels.forEach(l -> key.add(decisions.byLabel().get(l)));
      Object shape = shapeCache.computeIfAbsent(key, k -> {
        try {
          return rule.apply(in, decisions);
        } catch (IrException e) {
          return e;
        } catch (ArithmeticException e) {
          return new IrException("sizes overflow 64-bit arithmetic on inputs " + in);
        }
      });
      if (shape instanceof IrException e) {
        throw new SpaceException(where(g, name) + ": " + op.kind() + " " + e.getMessage()
            + decisionsNote(i) + " " + userFrame());
      }
      out[i] = (TensorShape) shape;
    }
    addNode(g, new Node(name, op, names(inputs), shares));
    return new Tensor(g, name, out);
  }

  private String decisionsNote(int i) {
    if (fixed != null) {
      return fixed.byLabel().isEmpty() ? "" : " (in the fixed architecture " + fixed + ")";
    }
    return assignments.get(i).byLabel().isEmpty() ? "" : " (with decisions " + assignments.get(i) + ")";
  }

  // ---- graphs ---------------------------------------------------------------------------

  private Sub traceSub(NasModule m, boolean[] active, List<String> context, List<TensorShape[]> args) {
    TraceGraph sub = new TraceGraph(Graph.builder(graphName(m)), Objects.requireNonNull(info.path(m)), active, context);
    List<Tensor> inputs = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String name = inputName(i, args.size());
      sub.builder.input(name);
      sub.names.add(name);
      TensorShape[] shapes = new TensorShape[assignments.size()];
      for (int a = 0; a < shapes.length; a++) {
        shapes[a] = active[a] ? args.get(i)[a] : null;
      }
      inputs.add(new Tensor(sub, name, shapes));
    }
    TraceGraph saved = graph;
    graph = sub;
    try {
      Tensor out = invoke(m, inputs);
      checkOwn(out, sub);
      sub.builder.output(out.name);
      return new Sub(build(sub), out.shapes);
    } finally {
      graph = saved;
    }
  }

  private Tensor invoke(NasModule m, List<Tensor> inputs) {
    Tensor out;
    try {
      out = m.forward(inputs.toArray(new Tensor[0]));
    } catch (SpaceException e) {
      throw e;
    } catch (IrException e) {
      throw new SpaceException(e.getMessage() + " " + userFrame(), e);
    } catch (RuntimeException e) {
      throw new SpaceException("forward of " + m.getClass().getSimpleName() + " threw " + e + " " + userFrame(e), e);
    }
    if (out == null) {
      throw new SpaceException("forward of " + m.getClass().getSimpleName() + " returned null; it must return a Tensor");
    }
    return out;
  }

  private Graph build(TraceGraph g) {
    try {
      return g.builder.build();
    } catch (IrException e) {
      List<String> path = new ArrayList<>(g.context);
      path.addAll(e.path());
      throw new SpaceException(String.join(" > ", path) + (path.isEmpty() ? "" : ": ") + e.detail(), e);
    }
  }

  private void addNode(TraceGraph g, String name, Op op, List<String> inputs) {
    addNode(g, new Node(name, op, inputs));
  }

  private void addNode(TraceGraph g, Node node) {
    try {
      g.builder.node(node);
      g.names.add(node.name());
    } catch (IrException e) {
      throw new SpaceException(where(g, node.name()) + ": " + e.detail() + " " + userFrame(), e);
    }
  }

  private String inline(TraceGraph g, String name, Graph body, List<String> args) {
    try {
      String out = Inliner.inline(g.builder, name, body, args);
      g.names.addAll(Inliner.names(name, body));
      return out;
    } catch (IrException e) {
      throw new SpaceException(where(g, name) + ": " + e.detail(), e);
    }
  }

  private void checkOwn(Tensor t, TraceGraph g) {
    if (t == null) {
      throw new SpaceException("a null tensor was passed " + userFrame());
    }
    if (t.graph != g) {
      throw new SpaceException("tensor '" + t.name + "' comes from outside "
          + (g.context.isEmpty() ? "this model" : String.join(" > ", g.context))
          + "; a candidate or block can use only the tensors passed to its forward " + userFrame());
    }
  }

  // ---- names ----------------------------------------------------------------------------

  /** The node name of a module's call: its path relative to the graph's module. */
  private String moduleNode(NasModule m) {
    TraceGraph g = graph;
    String path = info.path(m);
    if (path == null) {
      throw new SpaceException(m.getClass().getSimpleName() + " called " + userFrame()
          + " is not reachable from the model's fields; declare it as a field so it has a name");
    }
    String rel;
    if (path.equals(g.prefix)) {
      rel = Inliner.SELF;
    } else if (g.prefix.isEmpty()) {
      rel = path;
    } else if (path.startsWith(g.prefix + ".")) {
      rel = path.substring(g.prefix.length() + 1);
    } else {
      throw new SpaceException("'" + path + "' is called inside " + String.join(" > ", g.context)
          + " but belongs outside it; a candidate or block must own the modules it calls " + userFrame());
    }
    if (!g.called.add(m)) {
      throw new SpaceException("'" + path + "' is called twice " + userFrame()
          + "; only a layer (one op) can be called again to share its weights; declare one "
          + m.getClass().getSimpleName() + " per call");
    }
    return rel;
  }

  private static String describe(TraceGraph g) {
    return g.context.isEmpty() ? "the model's forward" : String.join(" > ", g.context);
  }

  /** A function node's name: the function's, with _1, _2, ... when taken. */
  private String freshName(String base) {
    TraceGraph g = graph;
    String name = base;
    for (int k = 1; g.names.contains(name) || info.modulePaths().contains(g.prefix.isEmpty() ? name : g.prefix + "." + name); k++) {
      name = base + "_" + k;
    }
    g.names.add(name);
    return name;
  }

  private static String inputName(int index, int count) {
    return count == 1 || index == 0 ? "x" : "x" + index;
  }

  private static String graphName(NasModule m) {
    String simple = m.getClass().getSimpleName();
    return Names.isValid(simple) && !simple.contains(".") ? simple : "Module";
  }

  private static List<String> names(Tensor[] tensors) {
    return Arrays.stream(tensors).map(t -> t.name).toList();
  }

  private static List<String> names(List<Tensor> tensors) {
    return tensors.stream().map(t -> t.name).toList();
  }

  private static List<String> context(TraceGraph g, String node, String candidate) {
    List<String> out = new ArrayList<>(g.context);
    out.add(node);
    out.add(candidate);
    return out;
  }

  private static String where(TraceGraph g, String node) {
    List<String> out = new ArrayList<>(g.context);
    out.add(node);
    return String.join(" > ", out);
  }

  private static boolean[] where(boolean[] active, IntPredicate also) {
    boolean[] out = new boolean[active.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = active[i] && also.test(i);
    }
    return out;
  }

  // ---- choices --------------------------------------------------------------------------

  private Expr attr(Object value) {
    if (value instanceof ValueChoice<?> vc) {
      if (fixed != null) {
        return Expr.of(resolve(vc));
      }
      return vc.toExpr(this::labelOf);
    }
    return Expr.of(value);
  }

  /** The value of a choice in a fixed architecture; an error in a space. */
  Object resolve(ValueChoice<?> vc) {
    if (fixed == null) {
      throw new SpaceException("the value of " + vc + " is not known while tracing a space " + userFrame()
          + "; pass the choice to a layer, or use LayerChoice or Repeat, instead of branching on it");
    }
    try {
      return vc.evaluate(leaf -> decision(labelOf(leaf)));
    } catch (IrException e) {
      throw new SpaceException(e.getMessage() + " " + userFrame(), e);
    }
  }

  private String labelOf(ValueChoice.Leaf<?> leaf) {
    String label = info.label(leaf);
    if (label == null) {
      throw new SpaceException("a ValueChoice used " + userFrame()
          + " is not reachable from the model's fields, so it has no label; declare it as a field or in a layer");
    }
    return label;
  }

  private Object decision(String label) {
    Object decision = fixed.byLabel().get(label);
    if (decision == null) {
      throw new SpaceException("the fixed architecture has no decision for choice '" + label
          + "', which it reaches " + userFrame());
    }
    return decision;
  }

  // ---- errors ---------------------------------------------------------------------------

  static SpaceException dataDependent(Tensor t, String method) {
    return new SpaceException("data-dependent control flow cannot be traced: " + method + " needs the values of tensor '"
        + t.name + "', which are unknown while tracing (only shapes are known) " + userFrame());
  }

  /** "at Class.method(File.java:line)" of the innermost user frame, or "" if none. */
  static String userFrame() {
    return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
        .walk(frames -> frames.filter(f -> !isFramework(f.getDeclaringClass())).findFirst())
        .map(f -> "at " + f.toStackTraceElement())
        .orElse("");
  }

  /** "at ..." of the innermost user frame of an exception's stack, or "". */
  static String userFrame(Throwable e) {
    for (StackTraceElement element : e.getStackTrace()) {
      try {
        if (!isFramework(Class.forName(element.getClassName(), false, Trace.class.getClassLoader()))) {
          return "at " + element;
        }
      } catch (ClassNotFoundException | LinkageError notLoadable) {
        return "at " + element;
      }
    }
    return "";
  }

  private static boolean isFramework(Class<?> type) {
    String name = type.getName();
    if (name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.") || name.startsWith("dev.jnas.ir.")) {
      return true;
    }
    var source = type.getProtectionDomain().getCodeSource();
    return source != null && Objects.equals(source.getLocation(), FRAMEWORK);
  }
}
