package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.IrException;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The output of a cell that merges its loose ends: the node's inputs are the cell's nodes, which
 * are states {@code offset}, {@code offset + 1}, ... of the cell; those that none of the input
 * choices {@code labels} picks are concatenated along channels. Its width thus follows the input
 * choices' decisions; once they are decided it becomes a cat (or an identity for one node).
 */
public record LooseEndOp(List<String> labels, int offset) implements Op {
  public LooseEndOp {
    labels = List.copyOf(labels);
    if (labels.isEmpty() || offset < 1) {
      throw new IrException("a looseEnd needs the labels of its cell's input choices and an offset of at least 1");
    }
  }

  @Override
  public String kind() {
    return "looseEnd";
  }

  /** The positions (among the node's inputs) of the nodes no input choice picks, under {@code decisions}. */
  public List<Integer> loose(int nodes, Decisions decisions) {
    Set<Integer> used = new HashSet<>();
    for (String label : labels) {
      Object decision = decisions.get(label);
      if (!(decision instanceof List<?> chosen)) {
        throw new IrException("looseEnd reads input choice '" + label + "', whose decision " + decision + " is not a list of indices");
      }
      for (Object index : chosen) {
        used.add((Integer) index - offset);
      }
    }
    List<Integer> loose = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      if (!used.contains(i)) {
        loose.add(i);
      }
    }
    if (loose.isEmpty()) {
      throw new IrException("every node of the cell is read by another, so it has no loose end");
    }
    return loose;
  }

  public TensorShape outputShape(List<TensorShape> inputs, Decisions decisions) {
    List<TensorShape> picked = loose(inputs.size(), decisions).stream().map(inputs::get).toList();
    return frozen(picked.size()).outputShape(picked, Decisions.NONE);
  }

  /** What it becomes for {@code count} loose nodes: an identity, or a cat along channels. */
  public PrimitiveOp frozen(int count) {
    return count == 1 ? new IdentityOp() : new CatOp(Expr.of(1));
  }
}
