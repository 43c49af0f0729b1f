package dev.jnas.samples;

import dev.jnas.ir.Analysis;
import dev.jnas.ir.Choice;
import dev.jnas.ir.Decisions;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Shape;
import dev.jnas.ir.ShapeCheck;
import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.expr.ValueChoice;
import dev.jnas.ir.op.Candidate;
import dev.jnas.ir.op.LayerChoice;
import dev.jnas.ir.op.OpRegistry;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed tutorial's MNIST model space written directly as IR: prints its canonical text, its
 * choices, and every architecture with its parameter count and FLOPs. The README's main command
 * runs it until the hello-NAS experiment (issue 5) replaces it.
 */
public final class TutorialSpace {
  private TutorialSpace() {}

  public static void main(String[] args) {
    Graph space = build();
    System.out.println("# The tutorial model space as jnas IR");
    System.out.print(space);
    System.out.println();
    List<Choice> choices = space.choices();
    System.out.println("# Choices");
    for (Choice c : choices) {
      System.out.printf("%-12s %-6s %s%n", c.label(), c.kind(), c.candidates());
    }
    List<Decisions> architectures = ShapeCheck.assignments(choices);
    System.out.println();
    System.out.printf("# %d architectures, all shape-checked on input %s%n",
        architectures.size(), space.inputs().get(0).shape().orElseThrow());
    System.out.printf("%-50s %12s %14s  %s%n", "decisions", "parameters", "FLOPs/example", "output");
    for (Decisions d : architectures) {
      Analysis a = Analysis.of(space, d);
      System.out.printf("%-50s %,12d %,14d  %s%n", d, a.params(), a.flops(), a.outputs().get(0));
    }
  }

  /** The space of DESIGN.md's tutorial: conv2 a layer choice, dropout1.p and feature value choices. */
  public static Graph build() {
    ValueChoice feature = ValueChoice.of("feature", 64, 128, 256);
    Graph.Builder g = Graph.builder("ModelSpace").input("x", Shape.of(Shape.UNKNOWN, 1, 28, 28));
    String x = g.node("conv1", op("conv2d", "in", 1, "out", 32, "kernel", 3), "x");
    x = g.node("relu", op("relu"), x);
    x = g.node("conv2", new LayerChoice("conv2", List.of(
        new Candidate("0", single("Conv2d", "conv2d", op("conv2d", "in", 32, "out", 64, "kernel", 3))),
        new Candidate("1", depthwiseSeparable(32, 64)))), x);
    x = g.node("max_pool2d", op("maxPool2d", "kernel", 2, "stride", 2), x);
    x = g.node("dropout1", op("dropout", "p", Expr.ref(ValueChoice.of("dropout1.p", 0.25, 0.5, 0.75))), x);
    x = g.node("flatten", op("flatten", "startDim", 1), x);
    x = g.node("fc1", op("linear", "in", 9216, "out", Expr.ref(feature)), x);
    x = g.node("relu_1", op("relu"), x);
    x = g.node("dropout2", op("dropout", "p", 0.5), x);
    x = g.node("fc2", op("linear", "in", Expr.ref(feature), "out", 10), x);
    x = g.node("log_softmax", op("logSoftmax", "dim", 1), x);
    return g.output(x).build();
  }

  private static Graph depthwiseSeparable(int in, int out) {
    Graph.Builder g = Graph.builder("DepthwiseSeparableConv").input("x");
    String x = g.node("depthwise", op("conv2d", "in", in, "out", in, "kernel", 3, "groups", in), "x");
    x = g.node("pointwise", op("conv2d", "in", in, "out", out, "kernel", 1), x);
    return g.output(x).build();
  }

  private static Graph single(String graphName, String nodeName, PrimitiveOp op) {
    Graph.Builder g = Graph.builder(graphName).input("x");
    return g.output(g.node(nodeName, op, "x")).build();
  }

  /** An op from attribute name/value pairs; values are literals or expressions. */
  private static PrimitiveOp op(String kind, Object... attributes) {
    Map<String, Expr> values = new LinkedHashMap<>();
    for (int i = 0; i < attributes.length; i += 2) {
      Object v = attributes[i + 1];
      values.put((String) attributes[i], v instanceof Expr e ? e : Expr.of(v));
    }
    return OpRegistry.create(kind, values);
  }
}
