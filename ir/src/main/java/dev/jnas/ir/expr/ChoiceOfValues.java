package dev.jnas.ir.expr;

import dev.jnas.ir.IrException;
import java.util.HashSet;
import java.util.List;

/** A labelled choice among literal values; the same label anywhere in a graph is one decision. */
public record ChoiceOfValues(String label, List<Object> candidates) {
  public ChoiceOfValues {
    if (label == null || label.isBlank()) {
      throw new IrException("a value choice needs a non-blank label");
    }
    if (candidates == null || candidates.isEmpty()) {
      throw new IrException("value choice '" + label + "' has no candidates");
    }
    @SuppressWarnings("unchecked")
    List<Object> normalized = (List<Object>) Values.normalize(candidates);
    if (new HashSet<>(normalized).size() != normalized.size()) {
      throw new IrException(
          "value choice '" + label + "' lists a candidate twice: " + Values.render(normalized));
    }
    candidates = normalized;
  }

  public static ChoiceOfValues of(String label, Object... candidates) {
    return new ChoiceOfValues(label, List.of(candidates));
  }
}
