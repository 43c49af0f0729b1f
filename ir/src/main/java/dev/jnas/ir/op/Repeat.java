package dev.jnas.ir.op;

import dev.jnas.ir.Graph;
import dev.jnas.ir.IrException;
import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.expr.ValueChoice;
import java.util.List;

/**
 * A chain of {@code depth} blocks, each taking one input and giving one output. One block is
 * copied for every position; several blocks give position i its own block (a factory).
 */
public record Repeat(Expr depth, List<Graph> blocks) implements Op {
  public Repeat {
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
    List<Object> depths;
    if (depth instanceof Expr.Literal literal) {
      depths = List.of(literal.value());
    } else if (depth instanceof Expr.Ref ref) {
      depths = ref.choice().candidates();
    } else {
      throw new IrException("a repeat's depth must be an int or a choice, not " + depth);
    }
    for (Object d : depths) {
      if (!(d instanceof Integer n) || n < 0 || (blocks.size() > 1 && n > blocks.size())) {
        throw new IrException(
            "repeat depth " + d + " must be an int from 0"
                + (blocks.size() > 1 ? " to " + blocks.size() + " (the number of blocks)" : ""));
      }
    }
  }

  @Override
  public String kind() {
    return "repeat";
  }

  /** The choice that decides the depth, or null when the depth is fixed. */
  public ValueChoice choice() {
    return depth instanceof Expr.Ref ref ? ref.choice() : null;
  }

  /** The block at {@code position} (0-based) of the chain. */
  public Graph block(int position) {
    return blocks.size() == 1 ? blocks.get(0) : blocks.get(position);
  }
}
