package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.IrException;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.expr.Values;
import java.util.ArrayList;
import java.util.List;

/**
 * A choice of {@code chosen} of the node's inputs (the candidates), or of any non-empty number
 * of them when {@code chosen} is {@link #ANY}, merged by {@code reduction}; concat joins along the
 * channel dimension. With reduction none and several chosen, each node gives one of them: the
 * {@code pick}-th chosen input (NNI returns the list; the frontend's {@code forwardEach} makes one
 * node per position, all with the same label and so one decision). {@code pick} is -1 otherwise.
 */
public record InputChoiceOp(String label, int chosen, Reduction reduction, int pick) implements Op {
  /** {@code chosen} for "any non-empty number of the inputs", as NNI's {@code n_chosen=None}. */
  public static final int ANY = 0;

  public InputChoiceOp {
    if (label == null || label.isBlank()) {
      throw new IrException("an input choice needs a non-blank label");
    }
    if (chosen < 0) {
      throw new IrException("input choice '" + label + "' must choose at least 1 input (or any number), not " + chosen);
    }
    if (reduction == null) {
      throw new IrException("input choice '" + label + "' needs a reduction");
    }
    if (reduction == Reduction.NONE && chosen == ANY) {
      throw new IrException("input choice '" + label + "' with reduction none must choose a fixed number of inputs, "
          + "since each chosen input is its own output");
    }
    if (reduction == Reduction.NONE && chosen != 1 && (pick < 0 || pick >= chosen)) {
      throw new IrException("input choice '" + label + "' with reduction none chooses " + chosen
          + " inputs, so each node passes one of them: pick must be from 0 to " + (chosen - 1) + ", not " + pick);
    }
    if (pick >= 0 && reduction != Reduction.NONE) {
      throw new IrException("input choice '" + label + "' picks one chosen input only with reduction none");
    }
  }

  public InputChoiceOp(String label, int chosen, Reduction reduction) {
    this(label, chosen, reduction, -1);
  }

  @Override
  public String kind() {
    return "inputChoice";
  }

  /**
   * The output shape when {@code decision} (sorted distinct input indices) picks from inputs of
   * these shapes: sum and mean need one shape, concat joins channels, none passes one through.
   */
  public TensorShape outputShape(List<TensorShape> inputs, Object decision) {
    if (!decisions(inputs.size()).contains(decision)) {
      throw new IrException(
          "decision " + Values.render(decision) + " for input choice '" + label + "' must be "
              + chosen + " sorted distinct indices below " + inputs.size());
    }
    @SuppressWarnings("unchecked")
    List<TensorShape> picked = ((List<Integer>) decision).stream().map(inputs::get).toList();
    if (pick >= 0) {
      return picked.get(pick);
    }
    switch (reduction) {
      case CONCAT:
        try {
          return new CatOp(Expr.of(1)).outputShape(picked, Decisions.NONE);
        } catch (IrException e) {
          throw new IrException("input choice '" + label + "' (concat) " + e.getMessage());
        }
      case SUM:
      case MEAN:
        for (TensorShape s : picked) {
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
      return new IdentityOp();
    }
    return switch (reduction) {
      case SUM -> new AddOp();
      case MEAN -> new AverageOp();
      case CONCAT -> new CatOp(Expr.of(1));
      case NONE -> throw new IrException("input choice '" + label + "' with reduction none passes one input, not " + chosenCount);
    };
  }

  /**
   * Every decision for {@code candidates} inputs: the sorted index lists of size {@code chosen},
   * or for {@link #ANY} of every size from 1 up, smaller first.
   */
  public List<List<Integer>> decisions(int candidates) {
    List<List<Integer>> out = new ArrayList<>();
    if (chosen == ANY) {
      for (int size = 1; size <= candidates; size++) {
        combinations(candidates, 0, new ArrayList<>(), out, size);
      }
    } else {
      combinations(candidates, 0, new ArrayList<>(), out, chosen);
    }
    return out;
  }

  /** The inputs a decision passes on: all chosen ones, or the picked one. */
  public List<Integer> passed(List<Integer> decision) {
    return pick >= 0 ? List.of(decision.get(pick)) : decision;
  }

  private void combinations(int n, int start, List<Integer> prefix, List<List<Integer>> out, int size) {
    if (prefix.size() == size) {
      out.add(List.copyOf(prefix));
      return;
    }
    for (int i = start; i < n; i++) {
      prefix.add(i);
      combinations(n, i + 1, prefix, out, size);
      prefix.remove(prefix.size() - 1);
    }
  }
}
