package dev.jnas.ir.op;

import dev.jnas.ir.IrException;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A slot that only a custom mutator fills, as NNI's {@code nn.Placeholder}: no sample decides it,
 * and a graph holding one is not frozen. Its output shape follows a declared rule, so the rest of
 * the space is shape-checked around it: the input's shape ({@code dims} empty), or {@code dims} per
 * example (the batch stays first and is not listed), where 0 copies the input's size at that
 * position (as ONNX Reshape). {@code info} is what the mutator needs to build the replacement
 * (NNI's {@code related_info}): literals by name.
 */
public record PlaceholderOp(String label, Optional<List<Integer>> dims, Map<String, Object> info) implements Op {
  public PlaceholderOp {
    if (label == null || label.isBlank()) {
      throw new IrException("a placeholder needs a non-blank label");
    }
    dims = dims == null ? Optional.empty() : dims.map(List::copyOf);
    dims.ifPresent(d -> {
      if (d.stream().anyMatch(n -> n < 0)) {
        throw new IrException("placeholder '" + label + "' declares output dims " + d
            + "; each must be a size of at least 1, or 0 to copy the input's size there");
      }
    });
    @SuppressWarnings("unchecked")
    Map<String, Object> normalized = (Map<String, Object>) Values.normalize(info == null ? Map.of() : info);
    info = normalized;
  }

  /** A placeholder whose output has its input's shape. */
  public static PlaceholderOp sameShape(String label, Map<String, ?> info) {
    return new PlaceholderOp(label, Optional.empty(), Map.copyOf(info));
  }

  /** A placeholder whose output is {@code dims} per example (0: the input's size at that position). */
  public static PlaceholderOp withDims(String label, List<Integer> dims, Map<String, ?> info) {
    return new PlaceholderOp(label, Optional.of(dims), Map.copyOf(info));
  }

  @Override
  public String kind() {
    return "placeholder";
  }

  /**
   * The output shape its rule gives for {@code input}; an error naming the label when the rule
   * cannot apply (the caller prefixes the op's kind, as for a primitive op).
   */
  public TensorShape outputShape(TensorShape input) {
    if (dims.isEmpty()) {
      return input;
    }
    List<Long> out = new ArrayList<>();
    out.add(input.dim(0));
    List<Integer> declared = dims.get();
    for (int i = 0; i < declared.size(); i++) {
      int n = declared.get(i);
      if (n > 0) {
        out.add((long) n);
      } else if (i + 1 < input.rank()) {
        out.add(input.dim(i + 1));
      } else {
        throw new IrException("'" + label + "' copies the input's size at position " + i + " of its dims "
            + declared + ", but its input " + input + " has no dimension there");
      }
    }
    return new TensorShape(out);
  }
}
