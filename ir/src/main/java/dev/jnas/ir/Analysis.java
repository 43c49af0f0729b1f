package dev.jnas.ir;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.Candidate;
import dev.jnas.ir.op.InputChoiceOp;
import dev.jnas.ir.op.LayerChoiceOp;
import dev.jnas.ir.op.LooseEndOp;
import dev.jnas.ir.op.PlaceholderOp;
import dev.jnas.ir.op.PrimitiveOp;
import dev.jnas.ir.op.Reduction;
import dev.jnas.ir.op.RepeatOp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Static figures of a graph for given input shapes and decisions: each node's output shape,
 * trainable parameters and FLOPs (multiply-adds per example; see {@link PrimitiveOp#flops}), and
 * the totals. A choice node counts what its decision selects.
 */
public record Analysis(Map<String, NodeStats> nodes, List<TensorShape> outputs, long params, long flops) {

  /** One node's figures; for a choice node, those of what the decision selected. */
  public record NodeStats(TensorShape shape, long params, long flops) {}

  public Analysis {
    nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    outputs = List.copyOf(outputs);
  }

  /** Figures of a frozen graph on its declared input shapes. */
  public static Analysis of(Graph graph) {
    return of(graph, Decisions.NONE);
  }

  /** Figures of a graph on its declared input shapes under {@code decisions}. */
  public static Analysis of(Graph graph, Decisions decisions) {
    List<TensorShape> shapes = new ArrayList<>();
    for (GraphInput input : graph.inputs()) {
      shapes.add(input.shape().orElseThrow(
          () -> new IrException("input '" + input.name() + "' of graph " + graph.name()
              + " has no shape; pass the input shapes")));
    }
    return of(graph, shapes, decisions);
  }

  /** Figures of a graph fed {@code inputShapes} under {@code decisions}. */
  public static Analysis of(Graph graph, List<TensorShape> inputShapes, Decisions decisions) {
    if (inputShapes.size() != graph.inputs().size()) {
      throw new IrException(
          "graph " + graph.name() + " takes " + graph.inputs().size() + " inputs, got "
              + inputShapes.size() + " shapes");
    }
    Map<String, TensorShape> values = new HashMap<>();
    for (int i = 0; i < inputShapes.size(); i++) {
      values.put(graph.inputs().get(i).name(), inputShapes.get(i));
    }
    Map<String, NodeStats> stats = new LinkedHashMap<>();
    long params = 0;
    long flops = 0;
    for (Node node : graph.nodes()) {
      List<TensorShape> in = node.inputs().stream().map(values::get).toList();
      NodeStats s;
      try {
        s = analyze(node, in, decisions);
      } catch (IrException e) {
        throw e.within(node.name());
      }
      if (node.shares() != null) {
        s = new NodeStats(s.shape(), 0, s.flops()); // its parameters are the owner's
      }
      values.put(node.name(), s.shape());
      stats.put(node.name(), s);
      try {
        params = Math.addExact(params, s.params());
        flops = Math.addExact(flops, s.flops());
      } catch (ArithmeticException e) {
        throw new IrException(List.of(node.name()), "parameter or FLOP total overflows 64-bit arithmetic");
      }
    }
    List<TensorShape> outputs = graph.outputs().stream().map(values::get).toList();
    return new Analysis(stats, outputs, params, flops);
  }

  private static NodeStats analyze(Node node, List<TensorShape> in, Decisions decisions) {
    if (node.op() instanceof PrimitiveOp p) {
      TensorShape out;
      try {
        out = p.outputShape(in, decisions);
        return new NodeStats(out, p.params(in, decisions), p.flops(in, out, decisions));
      } catch (IrException e) {
        throw new IrException(p.kind() + " " + e.getMessage());
      } catch (ArithmeticException e) {
        throw new IrException(p.kind() + " sizes overflow 64-bit arithmetic on inputs " + in);
      }
    }
    if (node.op() instanceof LayerChoiceOp lc) {
      Candidate c = lc.candidate(decisions.get(lc.label()));
      Analysis inner = inner(c.graph(), in, decisions, c.name());
      return new NodeStats(inner.outputs().get(0), inner.params(), inner.flops());
    }
    if (node.op() instanceof InputChoiceOp ic) {
      Object decision = decisions.get(ic.label());
      TensorShape out = ic.outputShape(in, decision);
      int chosen = ((List<?>) decision).size();
      boolean adds = ic.reduction() == Reduction.SUM || ic.reduction() == Reduction.MEAN;
      return new NodeStats(out, 0, adds ? (chosen - 1) * out.elementsPerExample() : 0);
    }
    if (node.op() instanceof LooseEndOp le) {
      return new NodeStats(le.outputShape(in, decisions), 0, 0);
    }
    if (node.op() instanceof PlaceholderOp p) {
      // Its replacement's cost is unknown until a custom mutator picks it.
      try {
        return new NodeStats(p.outputShape(in.get(0)), 0, 0);
      } catch (IrException e) {
        throw new IrException(p.kind() + " " + e.getMessage());
      }
    }
    RepeatOp r = (RepeatOp) node.op();
    r.depthChoices().forEach(decisions::valueOf);
    int depth = r.depthUnder(decisions);
    TensorShape shape = in.get(0);
    long params = 0;
    long flops = 0;
    for (int i = 0; i < depth; i++) {
      Analysis inner = inner(r.block(i), List.of(shape), decisions, Integer.toString(i));
      shape = inner.outputs().get(0);
      params = Math.addExact(params, inner.params());
      flops = Math.addExact(flops, inner.flops());
    }
    return new NodeStats(shape, params, flops);
  }

  private static Analysis inner(Graph graph, List<TensorShape> in, Decisions decisions, String segment) {
    try {
      return of(graph, in, decisions);
    } catch (IrException e) {
      throw e.within(segment);
    }
  }
}
