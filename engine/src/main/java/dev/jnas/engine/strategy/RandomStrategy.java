package dev.jnas.engine.strategy;

import dev.jnas.ir.Sample;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;

/**
 * Draws every choice uniformly. With dedup (the default) it never proposes an architecture twice:
 * duplicates are judged on the canonical sample, so two draws that differ only in choices the
 * architecture never reaches are one architecture. It ends when every architecture was proposed.
 */
public final class RandomStrategy extends SearchStrategy {
  /** Consecutive duplicate draws after which a space whose size is unknown counts as exhausted. */
  static final int MAX_DUPLICATE_DRAWS = 10_000;

  private boolean dedup = true;
  private ArchitectureSpace space;
  private Random random;
  private final Set<Sample> proposed = new HashSet<>();
  private String exhausted = "";

  @Override
  public RandomStrategy constraint(Constraint constraint) {
    super.constraint(constraint);
    return this;
  }

  public RandomStrategy dedup(boolean dedup) {
    this.dedup = dedup;
    return this;
  }

  @Override
  protected void begin(ArchitectureSpace space, long seed) {
    this.space = space;
    this.random = new Random(seed);
    this.proposed.clear();
  }

  @Override
  protected Optional<Sample> propose() {
    if (dedup && space.exact() && proposed.size() >= space.size()) {
      exhausted = "all " + space.size() + " architectures of the space have been proposed";
      return Optional.empty();
    }
    for (int attempt = 0; attempt < MAX_DUPLICATE_DRAWS; attempt++) {
      Sample sample = draw();
      if (!dedup || proposed.add(sample)) {
        return Optional.of(sample);
      }
    }
    exhausted = MAX_DUPLICATE_DRAWS + " draws in a row gave architectures already proposed";
    return Optional.empty();
  }

  private Sample draw() {
    return Samples.uniform(space, random);
  }

  @Override
  public void tell(Sample sample, OptionalDouble metric) {}

  @Override
  public String snapshot() {
    java.util.List<String> samples = proposed.stream().map(Sample::toJson).sorted().toList();
    return StrategyState.write(java.util.Map.of("rng", StrategyState.save(random), "proposed", samples));
  }

  @Override
  public void restore(String snapshot) {
    com.fasterxml.jackson.databind.JsonNode state = StrategyState.read(snapshot, "RandomStrategy");
    random = StrategyState.load(state.get("rng").asText());
    proposed.clear();
    state.get("proposed").forEach(s -> proposed.add(Sample.fromJson(s.asText())));
  }

  @Override
  protected String why() {
    return exhausted;
  }
}
