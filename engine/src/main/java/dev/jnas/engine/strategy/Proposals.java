package dev.jnas.engine.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jnas.ir.Sample;
import dev.jnas.ir.SearchSpace;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * What a strategy has proposed, and its dedup: draws until an architecture is new, and says when
 * the space is exhausted. Shared by the strategies that draw (random, evolution, TPE, RL).
 */
final class Proposals {
  /** Draws in a row that may repeat known architectures before the space counts as exhausted. */
  static final int MAX_DUPLICATE_DRAWS = 10_000;

  private final Set<Sample> seen = new HashSet<>();
  private boolean dedup = true;
  private String exhausted = "";

  void dedup(boolean dedup) {
    this.dedup = dedup;
  }

  void clear() {
    seen.clear();
    exhausted = "";
  }

  /** The next new architecture, {@code draw} given the attempt number, or empty when there is none left. */
  Optional<Sample> next(ArchitectureSpace space, IntFunction<Sample> draw) {
    if (dedup && seen.size() >= space.size()) {
      exhausted = "all " + SearchSpace.describe(space.count()) + " architectures of the space have been proposed";
      return Optional.empty();
    }
    for (int attempt = 0; attempt < MAX_DUPLICATE_DRAWS; attempt++) {
      Sample s = draw.apply(attempt);
      if (!dedup || seen.add(s)) {
        return Optional.of(s);
      }
    }
    exhausted = MAX_DUPLICATE_DRAWS + " draws in a row gave architectures already proposed";
    return Optional.empty();
  }

  String exhausted() {
    return exhausted;
  }

  /** The proposals, sorted, for a snapshot. */
  List<String> saved() {
    return seen.stream().map(Sample::toJson).sorted().toList();
  }

  void restore(JsonNode saved) {
    seen.clear();
    saved.forEach(s -> seen.add(Sample.fromJson(s.asText())));
  }
}
