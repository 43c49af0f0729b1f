package dev.jnas.runtime;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A labelled choice among values for an evaluator setting (learning rate, batch size, optimizer,
 * epochs, ...), as NNI's value choices in evaluator arguments: the experiment adds it to the search
 * space, every strategy samples it with the architecture, and the trial reads its decision from the
 * sample. Candidates are numbers, strings or booleans.
 *
 * @param <T> the type of the setting
 */
public final class Hyperparameter<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String label;
  private final List<T> candidates;

  private Hyperparameter(String label, List<T> candidates) {
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("a hyperparameter needs a non-blank label");
    }
    if (candidates == null || candidates.isEmpty()) {
      throw new IllegalArgumentException("hyperparameter '" + label + "' has no candidates");
    }
    for (T c : candidates) {
      if (!(c instanceof Number || c instanceof String || c instanceof Boolean)) {
        throw new IllegalArgumentException("hyperparameter '" + label + "': a candidate must be a number, string or boolean, got "
            + (c == null ? "null" : c.getClass().getSimpleName() + " " + c));
      }
      if (c instanceof Double d && !Double.isFinite(d) || c instanceof Float f && !Float.isFinite(f)) {
        throw new IllegalArgumentException("hyperparameter '" + label + "': a candidate must be finite, got " + c);
      }
    }
    if (new HashSet<>(candidates).size() != candidates.size()) {
      throw new IllegalArgumentException("hyperparameter '" + label + "' lists a candidate twice: " + candidates);
    }
    this.label = label;
    this.candidates = List.copyOf(candidates);
  }

  /** A choice labelled {@code label} among {@code candidates}. */
  @SafeVarargs
  public static <T> Hyperparameter<T> choice(String label, T... candidates) {
    return new Hyperparameter<>(label, candidates == null ? null : new ArrayList<>(List.of(candidates)));
  }

  /** A choice labelled {@code label} among {@code candidates}. */
  public static <T> Hyperparameter<T> choice(String label, List<T> candidates) {
    return new Hyperparameter<>(label, candidates == null ? null : new ArrayList<>(candidates));
  }

  /** The label the sample stores this setting's decision under. */
  public String label() {
    return label;
  }

  /** The candidate values, in order. */
  public List<T> candidates() {
    return candidates;
  }

  /**
   * This setting's value in a trial's sample (label to decision). Numbers match by value, so a
   * decision stored as 64 (a long) picks the candidate 64 (an int).
   */
  public T valueIn(Map<String, Object> sample) {
    if (!sample.containsKey(label)) {
      throw new IllegalArgumentException("the sample " + sample + " has no decision for hyperparameter '" + label
          + "'; was the evaluator changed after the experiment started?");
    }
    Object decision = sample.get(label);
    for (T c : candidates) {
      if (same(c, decision)) {
        return c;
      }
    }
    throw new IllegalArgumentException("hyperparameter '" + label + "' has no candidate " + decision + "; its candidates are "
        + candidates);
  }

  private static boolean same(Object candidate, Object decision) {
    if (candidate instanceof Number a && decision instanceof Number b) {
      return a.doubleValue() == b.doubleValue();
    }
    return Objects.equals(candidate, decision);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hyperparameter<?> h && h.label.equals(label) && h.candidates.equals(candidates);
  }

  @Override
  public int hashCode() {
    return Objects.hash(label, candidates);
  }

  @Override
  public String toString() {
    return "hyperparameter '" + label + "' " + candidates;
  }
}
