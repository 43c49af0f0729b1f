package dev.jnas.ir;

import java.util.List;

/**
 * A decision a sample must take: its label, kind, and the possible decisions (candidate keys,
 * values, input index lists, or depths).
 */
public record Choice(String label, ChoiceKind kind, List<Object> candidates) {
  public Choice {
    candidates = List.copyOf(candidates);
  }
}
