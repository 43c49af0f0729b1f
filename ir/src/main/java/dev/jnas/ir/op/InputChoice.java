package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.IrException;
import dev.jnas.ir.Shape;
import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.expr.Values;
import java.util.ArrayList;
import java.util.List;

/**
 * A choice of {@code chosen} of the node's inputs (the candidates), merged by {@code reduction};
 * concat joins along the channel dimension.
 */
public record InputChoice(String label, int chosen, Reduction reduction) implements Op {
  public InputChoice {
    if (label == null || label.isBlank()) {
      throw new IrException("an input choice needs a non-blank label");
    }
    if (chosen < 1) {
      throw new IrException("input choice '" + label + "' must choose at least 1 input, not " + chosen);
    }
    if (reduction == null) {
      throw new IrException("input choice '" + label + "' needs a reduction");
    }
    if (reduction == Reduction.NONE && chosen != 1) {
      throw new IrException(
          "input choice '" + label + "' with reduction none must choose 1 input, not " + chosen);
    }
  }

  @Override
  public String kind() {
    return "inputChoice";
  }

  /**
   * The output shape when {@code decision} (sorted distinct input indices) picks from inputs of
   * these shapes: sum and mean need one shape, concat joins channels, none passes one through.
   */
  public Shape outputShape(List<Shape> inputs, Object decision) {
    if (!decisions(inputs.size()).contains(decision)) {
      throw new IrException(
          "decision " + Values.render(decision) + " for input choice '" + label + "' must be "
              + chosen + " sorted distinct indices below " + inputs.size());
    }
    @SuppressWarnings("unchecked")
    List<Shape> picked = ((List<Integer>) decision).stream().map(inputs::get).toList();
    switch (reduction) {
      case CONCAT:
        try {
          return new Cat(Expr.of(1)).outputShape(picked, Decisions.NONE);
        } catch (IrException e) {
          throw new IrException("input choice '" + label + "' (concat) " + e.getMessage());
        }
      case SUM:
      case MEAN:
        for (Shape s : picked) {
          if (!s.equals(picked.get(0))) {
            throw new IrException(
                "input choice '" + label + "' (" + reduction.text() + ") needs inputs of one shape, got " + picked);
          }
        }
        return picked.get(0);
      default:
        return picked.get(0);
    }
  }

  /**
   * The op this choice becomes once decided, fed the chosen inputs in order: identity for one,
   * else add (sum), average (mean) or cat along channels (concat).
   */
  public PrimitiveOp frozen(int chosenCount) {
    if (chosenCount == 1) {
      return new Identity();
    }
    return switch (reduction) {
      case SUM -> new Add();
      case MEAN -> new Average();
      case CONCAT -> new Cat(Expr.of(1));
      case NONE -> throw new IrException("input choice '" + label + "' with reduction none passes one input, not " + chosenCount);
    };
  }

  /** Every decision for {@code candidates} inputs: the sorted index lists of size {@code chosen}. */
  public List<List<Integer>> decisions(int candidates) {
    List<List<Integer>> out = new ArrayList<>();
    combinations(candidates, 0, new ArrayList<>(), out);
    return out;
  }

  private void combinations(int n, int start, List<Integer> prefix, List<List<Integer>> out) {
    if (prefix.size() == chosen) {
      out.add(List.copyOf(prefix));
      return;
    }
    for (int i = start; i < n; i++) {
      prefix.add(i);
      combinations(n, i + 1, prefix, out);
      prefix.remove(prefix.size() - 1);
    }
  }
}
