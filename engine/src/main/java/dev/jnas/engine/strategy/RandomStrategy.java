package dev.jnas.engine.strategy;

import dev.jnas.ir.Sample;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * Draws every choice uniformly. With dedup (the default) it never proposes an architecture twice:
 * duplicates are judged on the canonical sample, so two draws that differ only in choices the
 * architecture never reaches are one architecture. It ends when every architecture was proposed.
 */
public final class RandomStrategy extends SearchStrategy {
  private final Proposals proposals = new Proposals();
  private ArchitectureSpace space;
  private Random random;

  @Override
  public RandomStrategy constraint(Constraint constraint) {
    super.constraint(constraint);
    return this;
  }

  /** Whether never to propose an architecture twice (default {@code true}); returns this strategy. */
  public RandomStrategy dedup(boolean dedup) {
    proposals.dedup(dedup);
    return this;
  }

  @Override
  protected void begin(ArchitectureSpace space, long seed) {
    this.space = space;
    this.random = new Random(seed);
    proposals.clear();
  }

  @Override
  protected Optional<Sample> propose() {
    return proposals.next(space, attempt -> Samples.uniform(space, random));
  }

  @Override
  public void tell(Sample sample, OptionalDouble metric) {}

  @Override
  public String snapshot() {
    return StrategyState.write(java.util.Map.of("rng", StrategyState.save(random), "proposed", proposals.saved()));
  }

  @Override
  public void restore(String snapshot) {
    com.fasterxml.jackson.databind.JsonNode state = StrategyState.read(snapshot, "RandomStrategy");
    random = StrategyState.load(state.get("rng").asText());
    proposals.restore(state.get("proposed"));
  }

  @Override
  protected String why() {
    return proposals.exhausted();
  }
}
