package dev.jnas.nn;

import dev.jnas.ir.expr.Values;
import dev.jnas.ir.text.IrPrinter;
import java.util.List;
import java.util.Map;

/** Prints a module tree with every choice and its label, like PyTorch's module printout. */
final class ModulePrinter {
  private final SpaceInfo info;
  private final StringBuilder out = new StringBuilder();

  private ModulePrinter(SpaceInfo info) {
    this.info = info;
  }

  static String print(NasModule root) {
    ModulePrinter printer = new ModulePrinter(SpaceWalker.walk(root));
    printer.module(root, 0);
    return printer.out.toString();
  }

  private void module(NasModule m, int depth) {
    String name = m.getClass().getSimpleName();
    if (m instanceof Layer layer) {
      out.append(name).append('(').append(String.join(", ", layer.describe(this::render))).append(')');
      return;
    }
    if (m instanceof InputChoice ic) {
      out.append(name).append('(').append(ic.nCandidates).append(" candidates, chosen=").append(ic.nChosen)
          .append(", reduction=").append(ic.reduction.text()).append(", label=").append(Values.quote(info.label(ic))).append(')');
      return;
    }
    if (m instanceof Placeholder p) {
      out.append(name).append("(label=").append(Values.quote(p.label)).append(", shape=")
          .append(p.dims == null ? "same" : Values.render(p.dims))
          .append(p.info.isEmpty() ? "" : ", info=" + Values.render(Values.normalize(p.info))).append(')');
      return;
    }
    if (m instanceof LayerChoice lc) {
      out.append(name).append("(label=").append(Values.quote(info.label(lc))).append(")");
    } else if (m instanceof Repeat r) {
      out.append(name).append("(depth=").append(r.depth instanceof Integer ? r.depth : render(r.depth)).append(")");
    } else {
      out.append(name);
    }
    List<Map.Entry<String, Object>> children = SpaceWalker.children(m).stream()
        .filter(e -> e.getValue() instanceof NasModule || e.getValue() instanceof ValueChoice<?>).toList();
    boolean list = m instanceof LayerChoice || m instanceof Repeat || m instanceof ModuleList || m instanceof Cell;
    out.append(list ? " [" : "(");
    if (children.isEmpty()) {
      out.append(list ? "]" : ")");
      return;
    }
    out.append('\n');
    for (Map.Entry<String, Object> child : children) {
      out.append("  ".repeat(depth + 1)).append('(').append(child.getKey()).append("): ");
      if (child.getValue() instanceof NasModule sub) {
        module(sub, depth + 1);
      } else {
        out.append(render(child.getValue()));
      }
      out.append('\n');
    }
    out.append("  ".repeat(depth)).append(list ? "]" : ")");
  }

  private String render(Object value) {
    if (value instanceof ValueChoice.Leaf<?> leaf) {
      return "ValueChoice(" + Values.render(Values.normalize(leaf.candidates)) + ", label=" + Values.quote(label(leaf)) + ")";
    }
    if (value instanceof ValueChoice<?> vc) {
      return "ValueChoice(" + IrPrinter.print(vc.toExpr(this::label)) + ")";
    }
    return Values.render(value);
  }

  private String label(ValueChoice.Leaf<?> leaf) {
    String label = info.label(leaf);
    return label != null ? label : leaf.explicitLabel != null ? leaf.explicitLabel : "?";
  }
}
