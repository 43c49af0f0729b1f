package dev.jnas.engine.strategy;

import dev.jnas.ir.SearchSpace;
import dev.jnas.ir.Sample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;

/** Proposes every architecture once, in the space's order or shuffled by the seed. */
public final class GridSearchStrategy extends SearchStrategy {
  private boolean shuffle;
  private List<Sample> order = List.of();
  private int next;

  @Override
  public GridSearchStrategy constraint(Constraint constraint) {
    super.constraint(constraint);
    return this;
  }

  /**
   * Whether to propose the architectures in an order shuffled by the seed instead of the space's order (default
   * {@code false}); returns this strategy.
   */
  public GridSearchStrategy shuffle(boolean shuffle) {
    this.shuffle = shuffle;
    return this;
  }

  /** The most architectures grid search lists up front. */
  public static final int MAX_ARCHITECTURES = 1_000_000;

  @Override
  protected void begin(ArchitectureSpace space, long seed) {
    if (space.size() > MAX_ARCHITECTURES) {
      throw new IllegalArgumentException(String.format("grid search lists every architecture, so it needs a space of at most %,d;"
          + " this one has %s, so use RandomStrategy or another sampling strategy", MAX_ARCHITECTURES, SearchSpace.describe(space.count())));
    }
    order = new ArrayList<>(space.architectures((int) space.size()));
    if (shuffle) {
      Collections.shuffle(order, new Random(seed));
    }
    next = 0;
  }

  @Override
  protected Optional<Sample> propose() {
    return next < order.size() ? Optional.of(order.get(next++)) : Optional.empty();
  }

  @Override
  public void tell(Sample sample, OptionalDouble metric) {}

  @Override
  public String snapshot() {
    return StrategyState.write(java.util.Map.of("next", next));
  }

  @Override
  public void restore(String snapshot) {
    next = StrategyState.read(snapshot, "GridSearchStrategy").get("next").asInt();
  }

  @Override
  protected String why() {
    return "the grid of " + order.size() + " architectures is done";
  }
}
