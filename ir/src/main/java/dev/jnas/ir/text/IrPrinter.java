package dev.jnas.ir.text;

import dev.jnas.ir.Graph;
import dev.jnas.ir.GraphInput;
import dev.jnas.ir.Node;
import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.expr.Values;
import dev.jnas.ir.op.Candidate;
import dev.jnas.ir.op.InputChoiceOp;
import dev.jnas.ir.op.LayerChoiceOp;
import dev.jnas.ir.op.LooseEndOp;
import dev.jnas.ir.op.PlaceholderOp;
import dev.jnas.ir.op.PrimitiveOp;
import dev.jnas.ir.op.RepeatOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a graph as canonical IR text: one line per node, every attribute spelled out in
 * declaration order, value choices inline where they are read, candidate graphs nested in
 * braces. Deterministic, and {@link IrParser} reads it back to an equal graph.
 */
public final class IrPrinter {
  private static final String INDENT = "  ";
  /** A placeholder's {@code shape} when its output has its input's shape. */
  static final String SAME_SHAPE = "same";

  private final StringBuilder out = new StringBuilder();

  private IrPrinter() {}

  public static String print(Graph graph) {
    IrPrinter printer = new IrPrinter();
    printer.graph(graph, 0);
    return printer.out.append('\n').toString();
  }

  /** An expression in canonical form, with only the parentheses its precedence needs. */
  public static String print(Expr expr) {
    return expression(expr);
  }

  private void graph(Graph graph, int depth) {
    out.append("graph ").append(graph.name()).append('(');
    List<String> params = new ArrayList<>();
    for (GraphInput input : graph.inputs()) {
      params.add(input.name() + input.shape().map(s -> ": " + s).orElse(""));
    }
    out.append(String.join(", ", params)).append(") {\n");
    for (Node node : graph.nodes()) {
      indent(depth + 1);
      node(node, depth + 1);
      out.append('\n');
    }
    indent(depth + 1);
    out.append("return ").append(String.join(", ", graph.outputs())).append('\n');
    indent(depth);
    out.append('}');
  }

  private void node(Node node, int depth) {
    List<String> args = new ArrayList<>(node.inputs());
    if (node.op() instanceof PrimitiveOp p) {
      for (Map.Entry<String, Expr> attr : p.attributes().entrySet()) {
        args.add(attr.getKey() + "=" + expression(attr.getValue()));
      }
      if (node.shares() != null) {
        args.add(SHARES + "=" + Values.quote(node.shares()));
      }
      call(node, args);
    } else if (node.op() instanceof LayerChoiceOp lc) {
      args.add("label=" + Values.quote(lc.label()));
      call(node, args);
      List<String> names = lc.candidates().stream().map(Candidate::name).toList();
      candidates(names, lc.candidates().stream().map(Candidate::graph).toList(), depth);
    } else if (node.op() instanceof InputChoiceOp ic) {
      args.add("label=" + Values.quote(ic.label()));
      args.add("chosen=" + ic.chosen());
      args.add("reduction=" + Values.quote(ic.reduction().text()));
      if (ic.pick() >= 0) {
        args.add("pick=" + ic.pick());
      }
      call(node, args);
    } else if (node.op() instanceof LooseEndOp le) {
      args.add("labels=" + Values.render(le.labels()));
      args.add("offset=" + le.offset());
      call(node, args);
    } else if (node.op() instanceof PlaceholderOp p) {
      args.add("label=" + Values.quote(p.label()));
      args.add("shape=" + p.dims().map(Values::render).orElse(Values.quote(SAME_SHAPE)));
      args.add("info=" + Values.render(p.info()));
      call(node, args);
    } else if (node.op() instanceof RepeatOp r) {
      args.add("depth=" + expression(r.depth()));
      call(node, args);
      List<String> names = new ArrayList<>();
      for (int i = 0; i < r.blocks().size(); i++) {
        names.add(Integer.toString(i));
      }
      candidates(names, r.blocks(), depth);
    }
  }

  private void call(Node node, List<String> args) {
    out.append(node.name()).append(" = ").append(node.op().kind()).append('(');
    out.append(String.join(", ", args)).append(')');
  }

  private void candidates(List<String> names, List<Graph> graphs, int depth) {
    out.append(" {\n");
    for (int i = 0; i < graphs.size(); i++) {
      indent(depth + 1);
      out.append(names.get(i)).append(" = ");
      graph(graphs.get(i), depth + 1);
      out.append('\n');
    }
    indent(depth);
    out.append('}');
  }

  private void indent(int depth) {
    out.append(INDENT.repeat(depth));
  }

  /** The keyword that marks a node using an earlier node's parameters: {@code shares="fc"}. */
  public static final String SHARES = "shares";

  private static final int ATOM = 5;
  private static final int POSTFIX = 4;

  private static int precedence(Expr e) {
    if (e instanceof Expr.Binary b) {
      return b.operator().precedence();
    }
    return e instanceof Expr.Lookup ? POSTFIX : ATOM;
  }

  private static String expression(Expr e) {
    if (e instanceof Expr.Literal l) {
      return Values.render(l.value());
    }
    if (e instanceof Expr.Ref r) {
      return "choice(" + Values.quote(r.choice().label()) + ", " + Values.render(r.choice().candidates()) + ")";
    }
    if (e instanceof Expr.Binary b) {
      int p = b.operator().precedence();
      String left = wrap(b.left(), precedence(b.left()) < p);
      String right = wrap(b.right(), precedence(b.right()) <= p);
      return left + " " + b.operator().symbol() + " " + right;
    }
    if (e instanceof Expr.Call c) {
      return c.function().text() + "(" + String.join(", ", c.args().stream().map(IrPrinter::expression).toList()) + ")";
    }
    if (e instanceof Expr.Lookup l) {
      return wrap(l.target(), precedence(l.target()) < POSTFIX) + "[" + expression(l.key()) + "]";
    }
    Expr.ListOf list = (Expr.ListOf) e;
    return "[" + String.join(", ", list.elements().stream().map(IrPrinter::expression).toList()) + "]";
  }

  private static String wrap(Expr e, boolean parenthesise) {
    return parenthesise ? "(" + expression(e) + ")" : expression(e);
  }
}
