package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.Graph;
import dev.jnas.ir.IrException;
import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.expr.ChoiceOfValues;
import dev.jnas.ir.expr.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A chain of {@code depth} blocks, each taking one input and giving one output. One block is
 * copied for every position; several blocks give position i its own block (a factory). The depth
 * is an int, a choice, or an expression over choices (such as {@code choice("d", [1, 2]) + 1}).
 */
public record RepeatOp(Expr depth, List<Graph> blocks) implements Op {
  public RepeatOp {
    blocks = List.copyOf(blocks);
    if (blocks.isEmpty()) {
      throw new IrException("a repeat needs at least one block");
    }
    for (int i = 0; i < blocks.size(); i++) {
      Graph g = blocks.get(i);
      if (g.inputs().size() != 1 || g.outputs().size() != 1) {
        throw new IrException("repeat block " + i + " must take 1 input and give 1 output");
      }
    }
    for (Object d : possibleValues(depth)) {
      if (!(d instanceof Integer n) || n < 0 || (blocks.size() > 1 && n > blocks.size())) {
        throw new IrException(
            "repeat depth " + Values.render(d) + " must be an int from 0"
                + (blocks.size() > 1 ? " to " + blocks.size() + " (the number of blocks)" : ""));
      }
    }
  }

  @Override
  public String kind() {
    return "repeat";
  }

  /** The value choices the depth reads (none for a fixed depth). */
  public Set<ChoiceOfValues> depthChoices() {
    return depth.choices();
  }

  /** The depth under {@code decisions}, which decide every choice the depth reads. */
  public int depthUnder(Decisions decisions) {
    return (Integer) depth.evaluate(decisions);
  }

  /** Every depth some decision gives, ascending. */
  public List<Integer> depths() {
    Set<Integer> out = new TreeSet<>();
    for (Object d : possibleValues(depth)) {
      out.add((Integer) d);
    }
    return List.copyOf(out);
  }

  /** The block at {@code position} (0-based) of the chain. */
  public Graph block(int position) {
    return blocks.size() == 1 ? blocks.get(0) : blocks.get(position);
  }

  /** The values an expression takes over every combination of the choices it reads. */
  private static List<Object> possibleValues(Expr expr) {
    List<ChoiceOfValues> choices = List.copyOf(expr.choices());
    List<Object> out = new ArrayList<>();
    collect(expr, choices, 0, new LinkedHashMap<>(), out);
    return out;
  }

  private static void collect(Expr expr, List<ChoiceOfValues> choices, int index, Map<String, Object> fixed, List<Object> out) {
    if (index == choices.size()) {
      out.add(expr.evaluate(Decisions.of(fixed)));
      return;
    }
    for (Object value : choices.get(index).candidates()) {
      fixed.put(choices.get(index).label(), value);
      collect(expr, choices, index + 1, fixed, out);
    }
    fixed.remove(choices.get(index).label());
  }
}
