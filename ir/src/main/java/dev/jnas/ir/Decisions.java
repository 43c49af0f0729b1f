package dev.jnas.ir;

import dev.jnas.ir.expr.ChoiceOfValues;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decision taken at each choice point, by label: a value for a value choice or a repeat depth,
 * a candidate key for a layer choice, the sorted list of chosen input indices for an input choice.
 */
public record Decisions(Map<String, Object> byLabel) {
  public static final Decisions NONE = new Decisions(Map.of());

  public Decisions {
    byLabel = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byLabel));
  }

  public static Decisions of(Map<String, ?> byLabel) {
    return new Decisions(new LinkedHashMap<>(byLabel));
  }

  /** These decisions with {@code label} decided as {@code decision} instead (or as well). */
  public Decisions with(String label, Object decision) {
    Map<String, Object> out = new LinkedHashMap<>(byLabel);
    out.put(label, decision);
    return new Decisions(out);
  }

  /** The decision for {@code label}; an error naming the label if there is none. */
  public Object get(String label) {
    Object decision = byLabel.get(label);
    if (decision == null) {
      throw new IrException("no decision for choice '" + label + "'");
    }
    return decision;
  }

  /** The value chosen for a value choice, checked against its candidates. */
  public Object valueOf(ChoiceOfValues choice) {
    Object value = get(choice.label());
    if (!choice.candidates().contains(value)) {
      throw new IrException(
          "decision " + value + " for choice '" + choice.label() + "' is not among its candidates "
              + choice.candidates());
    }
    return value;
  }

  @Override
  public String toString() {
    return byLabel.toString();
  }
}
