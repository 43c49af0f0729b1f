package dev.jnas.codegen;

import dev.jnas.codegen.SupernetPlan.Guard;
import dev.jnas.codegen.SupernetPlan.MaskSpec;
import dev.jnas.codegen.SupernetPlan.Mix;
import dev.jnas.codegen.SupernetPlan.Prim;
import dev.jnas.codegen.SupernetPlan.Segment;
import dev.jnas.codegen.SupernetPlan.Step;
import dev.jnas.ir.Choice;
import dev.jnas.ir.ChoiceKind;
import dev.jnas.ir.Decisions;
import dev.jnas.ir.Graph;
import dev.jnas.ir.GraphInput;
import dev.jnas.ir.Inliner;
import dev.jnas.ir.IrException;
import dev.jnas.ir.Node;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.ChoiceOfValues;
import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.*;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lowers a traced space to its supernet, the graph one-shot NAS trains: every candidate of every
 * layer choice inlined side by side (named {@code choice.candidate.node}) and mixed, every input
 * choice a mix of its inputs, a repeat of chosen depth as its deepest chain with the output after
 * each possible depth mixed. A value choice that changes a width is taken at its largest value and
 * the entries past the chosen width are masked to zero, so narrower architectures share the wider
 * one's weights (sliced); any other value choice (a dropout rate, a kernel with padding that keeps
 * the size) makes one copy of its node per value, mixed. What cannot be lowered exactly is refused
 * naming the choice and the node.
 */
final class SupernetLowering {
  private final Graph space;
  private final List<Choice> choices;
  private final Map<String, Integer> index = new HashMap<>();
  private final List<Step> steps = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  /** Every value choice at its largest candidate: the sizes the supernet is built with. */
  private Decisions base;

  private SupernetLowering(Graph space) {
    this.space = space;
    this.choices = space.choices();
    for (int i = 0; i < choices.size(); i++) {
      index.put(choices.get(i).label(), i);
    }
    space.inputs().forEach(in -> names.add(in.name()));
  }

  static SupernetPlan lower(Graph space, String spaceName) {
    if (!space.hasInputShapes()) {
      throw new IllegalArgumentException("a supernet needs the space's input shapes; trace " + space.name() + " with them");
    }
    SupernetLowering lowering = new SupernetLowering(space);
    Map<String, String> env = new HashMap<>();
    space.inputs().forEach(in -> env.put(in.name(), in.name()));
    lowering.lowerNodes(space, env, null, null, List.of());
    List<String> outputs = space.outputs().stream().map(env::get).toList();
    return lowering.plan(spaceName, outputs);
  }

  // ---- structure --------------------------------------------------------------------------

  private void lowerNodes(Graph graph, Map<String, String> env, String prefix, String frozenPrefix, List<Guard> guards) {
    for (Node node : graph.nodes()) {
      String name = scoped(prefix, node.name());
      String frozen = scoped(frozenPrefix, node.name());
      List<String> args = node.inputs().stream().map(env::get).toList();
      Op op = node.op();
      if (op instanceof PrimitiveOp p) {
        String owner = node.shares() == null ? null : env.get(node.shares());
        add(new Prim(name, frozen, p, args, owner, guards));
      } else if (op instanceof LayerChoiceOp lc) {
        int k = index.get(lc.label());
        List<String> outs = new ArrayList<>();
        for (int i = 0; i < lc.candidates().size(); i++) {
          Candidate c = lc.candidates().get(i);
          outs.add(lowerBody(c.graph(), args, name + "." + c.name(), frozen, with(guards, new Guard(k, List.of(i)))));
        }
        add(new Mix(name, k, outs, guards));
      } else if (op instanceof InputChoiceOp ic) {
        add(new Mix(name, index.get(ic.label()), selections(ic, name, frozen, args, guards), guards));
      } else if (op instanceof RepeatOp r) {
        lowerRepeat(node, r, args.get(0), name, frozen, guards);
      } else if (op instanceof LooseEndOp) {
        throw refused(name, "a cell that merges its loose ends has a width that follows its input choices, which a supernet "
            + "cannot mix; merge all of the cell's nodes (Cell.Merge.ALL)");
      } else {
        throw refused(name, "placeholder '" + ((PlaceholderOp) op).label() + "' is filled by a custom mutator, which a supernet "
            + "cannot lower; one-shot strategies search the built-in choices only");
      }
      env.put(node.name(), name);
    }
  }

  /**
   * What each decision of an input choice passes on, in the order of its candidates: the one input
   * it picks, or its chosen inputs merged by the choice's reduction (a step {@code name.j} of its own).
   */
  private List<String> selections(InputChoiceOp ic, String name, String frozen, List<String> args, List<Guard> guards) {
    int k = index.get(ic.label());
    List<List<Integer>> decisions = ic.decisions(args.size());
    List<String> out = new ArrayList<>();
    for (int j = 0; j < decisions.size(); j++) {
      List<Integer> passed = ic.passed(decisions.get(j));
      if (passed.size() == 1) {
        out.add(args.get(passed.get(0)));
      } else {
        String merged = name + "." + j;
        add(new Prim(merged, frozen, ic.frozen(passed.size()), passed.stream().map(args::get).toList(), null,
            with(guards, new Guard(k, List.of(j)))));
        out.add(merged);
      }
    }
    return out;
  }

  private String lowerBody(Graph body, List<String> args, String prefix, String frozenPrefix, List<Guard> guards) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      env.put(body.inputs().get(i).name(), args.get(i));
    }
    lowerNodes(body, env, prefix, frozenPrefix, guards);
    return env.get(body.outputs().get(0));
  }

  /** A fixed depth inlines its chain; a chosen one inlines the deepest and mixes the output after each depth. */
  private void lowerRepeat(Node node, RepeatOp r, String input, String name, String frozen, List<Guard> guards) {
    Set<ChoiceOfValues> depthChoices = r.depthChoices();
    if (depthChoices.isEmpty()) {
      String value = input;
      int depth = r.depthUnder(Decisions.NONE);
      for (int i = 0; i < depth; i++) {
        value = lowerBody(r.block(i), List.of(value), name + "." + i, frozen + "." + i, guards);
      }
      add(new Prim(name, frozen, new IdentityOp(), List.of(value), null, guards));
      return;
    }
    if (depthChoices.size() > 1) {
      throw refused(name, "the depth of repeat '" + node.name() + "' reads " + depthChoices.size()
          + " choices; a supernet mixes a depth that follows one choice");
    }
    ChoiceOfValues choice = depthChoices.iterator().next();
    int k = index.get(choice.label());
    List<Object> candidates = choices.get(k).candidates();
    int[] depthOf = new int[candidates.size()];
    int deepest = 0;
    for (int i = 0; i < depthOf.length; i++) {
      depthOf[i] = r.depthUnder(Decisions.of(Map.of(choice.label(), candidates.get(i))));
      deepest = Math.max(deepest, depthOf[i]);
    }
    List<String> after = new ArrayList<>(List.of(input));
    for (int position = 0; position < deepest; position++) {
      List<Integer> reaching = new ArrayList<>();
      for (int i = 0; i < depthOf.length; i++) {
        if (depthOf[i] > position) {
          reaching.add(i);
        }
      }
      after.add(lowerBody(r.block(position), List.of(after.get(position)), name + "." + position, frozen + "." + position,
          with(guards, new Guard(k, reaching))));
    }
    List<String> outs = new ArrayList<>();
    for (int d : depthOf) {
      outs.add(after.get(d));
    }
    add(new Mix(name, k, outs, guards));
  }

  private void add(Step step) {
    if (!names.add(step.name())) {
      throw refused(step.name(), "two nodes of the supernet would share the name '" + step.name() + "'; rename one of them");
    }
    steps.add(step);
  }

  private static String scoped(String prefix, String inner) {
    if (prefix == null) {
      return inner;
    }
    return inner.equals(Inliner.SELF) ? prefix : prefix + "." + inner;
  }

  private static List<Guard> with(List<Guard> guards, Guard guard) {
    List<Guard> out = new ArrayList<>(guards);
    out.add(guard);
    return out;
  }

  // ---- sizes ------------------------------------------------------------------------------

  private SupernetPlan plan(String spaceName, List<String> outputs) {
    Map<String, Object> largest = new LinkedHashMap<>();
    for (Choice c : choices) {
      largest.put(c.label(), largest(c));
    }
    base = Decisions.of(largest);
    Map<String, TensorShape> baseShapes = shapes(base, "");
    // Each value choice's shapes at each of its candidates, the others at the base.
    Map<Integer, List<Map<String, TensorShape>>> varied = new LinkedHashMap<>();
    for (int k = 0; k < choices.size(); k++) {
      Choice c = choices.get(k);
      if (c.kind() != ChoiceKind.VALUE && c.kind() != ChoiceKind.REPEAT) {
        continue;
      }
      List<Map<String, TensorShape>> perCandidate = new ArrayList<>();
      boolean changes = false;
      for (Object candidate : c.candidates()) {
        Map<String, TensorShape> s = shapes(base.with(c.label(), candidate), " with '" + c.label() + "' at " + candidate);
        perCandidate.add(s);
        changes |= !s.equals(baseShapes);
      }
      if (changes) {
        varied.put(k, perCandidate);
      }
    }
    Map<String, MaskSpec> masks = new HashMap<>();
    List<Step> planned = new ArrayList<>();
    for (Step step : steps) {
      Step s = step instanceof Prim p ? branched(p, varied.keySet()) : step;
      MaskSpec spec = maskOf(s, baseShapes, varied, masks);
      if (spec != null) {
        masks.put(s.name(), spec);
      }
      planned.add(s);
    }
    return new SupernetPlan(spaceName, space.inputs(), outputs, choices, planned, base, baseShapes, masks);
  }

  /** The largest number among a value choice's candidates (every size at its widest), else its first. */
  private static Object largest(Choice c) {
    Object best = c.candidates().get(0);
    if (c.kind() != ChoiceKind.VALUE && c.kind() != ChoiceKind.REPEAT) {
      return best;
    }
    for (Object o : c.candidates()) {
      if (o instanceof Number n && best instanceof Number b && n.doubleValue() > b.doubleValue()) {
        best = o;
      }
    }
    return best;
  }

  /** Every step's output shape under {@code decisions}, which set every value choice. */
  private Map<String, TensorShape> shapes(Decisions decisions, String where) {
    Map<String, TensorShape> out = new HashMap<>();
    for (GraphInput in : space.inputs()) {
      out.put(in.name(), in.shape().orElseThrow());
    }
    for (Step step : steps) {
      List<TensorShape> in = step.inputs().stream().map(out::get).toList();
      if (step instanceof Prim p) {
        try {
          out.put(p.name(), p.op().outputShape(in, decisions));
        } catch (IrException e) {
          throw refused(p.name(), p.op().kind() + " " + e.getMessage() + where);
        }
      } else {
        Mix m = (Mix) step;
        for (TensorShape s : in) {
          if (!s.equals(in.get(0))) {
            throw refused(m.name(), describe(m.choice()) + " gives outputs of different shapes " + in + where
                + "; a supernet adds them up, so every candidate must give one shape");
          }
        }
        out.put(m.name(), in.get(0));
      }
    }
    return out;
  }

  /**
   * The step itself when its attributes read no value choice apart from sizes, else the step
   * marked to branch over the one other choice it reads.
   */
  private Prim branched(Prim p, Set<Integer> sizes) {
    Set<Integer> others = new TreeSet<>();
    for (Expr e : p.op().attributes().values()) {
      for (ChoiceOfValues c : e.choices()) {
        int k = index.get(c.label());
        if (!sizes.contains(k)) {
          others.add(k);
        }
      }
    }
    if (others.size() > 1) {
      throw refused(p.name(), p.op().kind() + " reads the value choices " + others.stream().map(k -> "'" + choices.get(k).label() + "'").toList()
          + "; a supernet makes one copy of a node per value of one choice, so it would need a copy per combination");
    }
    if (!others.isEmpty() && p.shares() != null) {
      throw refused(p.name(), p.op().kind() + " shares the layer '" + p.shares() + "' and reads value choice '"
          + choices.get(others.iterator().next()).label() + "'; a shared layer cannot be copied per value");
    }
    if (others.isEmpty()) {
      return p;
    }
    int k = others.iterator().next();
    return sharesKernel(p, k) ? new Prim(p.name(), p.frozenName(), p.op(), p.inputs(), p.shares(), p.guards(), -1, k)
        : new Prim(p.name(), p.frozenName(), p.op(), p.inputs(), p.shares(), p.guards(), k, -1);
  }

  /**
   * Whether a 2-D convolution reads choice {@code k} only in its kernel and padding, every kernel
   * odd and centred on the same pixel as the largest (padding minus half the dilated kernel the
   * same for every value): then the largest kernel's weights serve every size, a smaller kernel
   * being their centre (the rest zero), as NNI's mixed convolution shares them.
   */
  private boolean sharesKernel(Prim p, int k) {
    if (!(p.op() instanceof Conv2dOp conv)) {
      return false;
    }
    String label = choices.get(k).label();
    for (Map.Entry<String, Expr> attribute : conv.attributes().entrySet()) {
      boolean reads = attribute.getValue().choices().stream().anyMatch(c -> c.label().equals(label));
      if (reads && !attribute.getKey().equals("kernel") && !attribute.getKey().equals("padding")) {
        return false;
      }
    }
    Integer offset = null;
    for (Object candidate : choices.get(k).candidates()) {
      Decisions decisions = base.with(label, candidate);
      int kernel = (Integer) conv.kernel().evaluate(decisions);
      int padding = (Integer) conv.padding().evaluate(decisions);
      int dilation = (Integer) conv.dilation().evaluate(decisions);
      if (kernel % 2 == 0 || (offset != null && offset != padding - dilation * (kernel - 1) / 2)) {
        return false;
      }
      offset = padding - dilation * (kernel - 1) / 2;
    }
    return true;
  }

  // ---- masks ------------------------------------------------------------------------------

  private MaskSpec maskOf(Step step, Map<String, TensorShape> shapes, Map<Integer, List<Map<String, TensorShape>>> varied,
      Map<String, MaskSpec> masks) {
    String name = step.name();
    TensorShape shape = shapes.get(name);
    Set<Integer> dims = new TreeSet<>();
    Set<Integer> by = new LinkedHashSet<>();
    varied.forEach((k, perCandidate) -> {
      for (Map<String, TensorShape> s : perCandidate) {
        TensorShape other = s.get(name);
        for (int d = 0; d < shape.rank(); d++) {
          if (other.dim(d) != shape.dim(d)) {
            dims.add(d);
            by.add(k);
          }
        }
      }
    });
    List<MaskSpec> in = step.inputs().stream().map(masks::get).toList();
    if (step instanceof Mix m) {
      for (MaskSpec s : in) {
        if (!java.util.Objects.equals(s, in.get(0))) {
          throw refused(name, describe(m.choice()) + " has candidates that keep different entries of a shared width alive "
              + "(" + aliveness(in.get(0)) + " against " + aliveness(s) + ", as where one concatenates halves); a supernet adds "
              + "them up entry by entry, so it cannot share weights across " + labels(widthChoices(in)) + " here: fix "
              + (widthChoices(in).size() == 1 ? "it" : "them") + " to one value for one-shot search");
        }
      }
      return in.get(0);
    }
    Prim p = (Prim) step;
    checkConsumes(p, in, shapes);
    if (dims.isEmpty()) {
      return null;
    }
    if (dims.size() > 1) {
      throw refused(name, p.op().kind() + " changes dimensions " + dims + " of its output " + shape + " with "
          + labels(by) + "; a supernet shares weights only across one width (channels or features)");
    }
    int dim = dims.iterator().next();
    PrimitiveOp op = p.op();
    if (op instanceof Conv2dOp || op instanceof Conv1dOp || op instanceof LinearOp) {
      int expected = op instanceof LinearOp ? shape.rank() - 1 : 1;
      if (dim != expected || by.size() > 1) {
        throw refused(name, op.kind() + " changes dimension " + dim + " of its output " + shape + " with " + labels(by)
            + "; a supernet shares weights only across its output width" + (by.size() > 1 ? ", set by one value choice" : "")
            + (op instanceof LinearOp ? "" : " (give the kernel padding that keeps the size)"));
      }
      int k = by.iterator().next();
      List<Long> alive = new ArrayList<>();
      for (Map<String, TensorShape> s : varied.get(k)) {
        long size = s.get(name).dim(dim);
        if (size > shape.dim(dim)) {
          throw refused(name, "value choice '" + choices.get(k).label() + "' makes " + op.kind() + " wider than at its largest value ("
              + size + " > " + shape.dim(dim) + "); a supernet takes every width at its largest");
        }
        alive.add(size);
      }
      return new MaskSpec(dim, List.of(new Segment(k, alive, shape.dim(dim))));
    }
    if (op instanceof CatOp) {
      List<Segment> segments = new ArrayList<>();
      for (int i = 0; i < in.size(); i++) {
        MaskSpec s = in.get(i);
        if (s != null && s.dim() != dim) {
          throw refused(name, "cat joins along dimension " + dim + " inputs narrowed along dimension " + s.dim());
        }
        segments.addAll(s == null ? List.of(Segment.whole(shapes.get(p.inputs().get(i)).dim(dim))) : s.segments());
      }
      return new MaskSpec(dim, segments);
    }
    if (op instanceof FlattenOp) {
      MaskSpec s = in.get(0);
      TensorShape input = shapes.get(p.inputs().get(0));
      long factor = 1;
      for (int d = s.dim() + 1; d < input.rank(); d++) {
        factor *= input.dim(d);
      }
      long f = factor;
      return new MaskSpec(dim, s.segments().stream().map(seg -> seg.times(f)).toList());
    }
    if (isPassThrough(op)) {
      MaskSpec first = in.get(0);
      if (first == null || first.dim() != dim) {
        throw refused(name, op.kind() + " changes dimension " + dim + " of its output with " + labels(by)
            + " though its input keeps that size; a supernet cannot narrow it");
      }
      return first;
    }
    throw refused(name, op.kind() + " changes dimension " + dim + " of its output " + shape + " with " + labels(by)
        + "; a supernet shares weights across widths of convolutions and linear layers only");
  }

  /** Refuses a step that reads a narrowed input in a way masking cannot keep exact. */
  private void checkConsumes(Prim p, List<MaskSpec> in, Map<String, TensorShape> shapes) {
    PrimitiveOp op = p.op();
    for (int i = 0; i < in.size(); i++) {
      MaskSpec s = in.get(i);
      if (s == null) {
        continue;
      }
      TensorShape input = shapes.get(p.inputs().get(i));
      boolean ok;
      if (op instanceof Conv2dOp || op instanceof Conv1dOp) {
        int groups = (Integer) op.attributes().get("groups").evaluate(base);
        ok = s.dim() == 1 && (groups == 1 || groups == input.dim(1));
        if (!ok && s.dim() == 1) {
          throw refused(p.name(), op.kind() + " has " + groups + " groups over a width that a value choice narrows; a supernet "
              + "shares weights across the input width of an ordinary or depthwise convolution only");
        }
      } else if (op instanceof LinearOp) {
        ok = s.dim() == input.rank() - 1;
      } else if (op instanceof FlattenOp f) {
        int start = input.axis((Integer) f.startDim().evaluate(base));
        ok = s.dim() == start;
      } else if (op instanceof CatOp) {
        ok = true;
      } else if (op instanceof BatchNorm1dOp || op instanceof BatchNorm2dOp || op instanceof PoolOp || op instanceof AdaptiveAvgPool2dOp) {
        ok = s.dim() == 1;
      } else if (op instanceof SoftmaxFamilyOp sm) {
        ok = input.axis((Integer) sm.dim().evaluate(base)) != s.dim();
      } else {
        ok = isPassThrough(op);
      }
      if (!ok) {
        throw refused(p.name(), op.kind() + " reads dimension " + s.dim() + " of '" + p.inputs().get(i)
            + "', whose width follows " + labels(s.segments().stream().filter(g -> g.choice() >= 0).map(Segment::choice).toList())
            + "; masking the narrowed entries would not give the narrower network's result");
      }
    }
  }

  private static String aliveness(MaskSpec spec) {
    if (spec == null) {
      return "every entry";
    }
    return spec.segments().size() == 1 ? "one prefix of " + spec.length() : spec.segments().size() + " prefixes of " + spec.length();
  }

  private static List<Integer> widthChoices(List<MaskSpec> specs) {
    return specs.stream().filter(java.util.Objects::nonNull).flatMap(s -> s.segments().stream()).map(Segment::choice)
        .filter(k -> k >= 0).distinct().toList();
  }

  /** Ops that work entry by entry along any width (or, for norms and pools, per channel). */
  private static boolean isPassThrough(PrimitiveOp op) {
    return op instanceof ActivationOp || op instanceof DropoutOp || op instanceof BatchNorm1dOp || op instanceof BatchNorm2dOp
        || op instanceof PoolOp || op instanceof AdaptiveAvgPool2dOp || op instanceof IdentityOp || op instanceof ElementwiseOp
        || op instanceof ScalarOp || op instanceof ZeroOp || op instanceof SoftmaxFamilyOp;
  }

  private String labels(java.util.Collection<Integer> ks) {
    return ks.stream().map(k -> "value choice '" + choices.get(k).label() + "'").distinct().collect(java.util.stream.Collectors.joining(" and "));
  }

  private String describe(int k) {
    Choice c = choices.get(k);
    return c.kind().name().toLowerCase(java.util.Locale.ROOT) + " choice '" + c.label() + "'";
  }

  private static IrException refused(String node, String message) {
    return new IrException(List.of(node), "no supernet: " + message);
  }
}
