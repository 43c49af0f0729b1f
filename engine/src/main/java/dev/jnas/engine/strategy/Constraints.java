package dev.jnas.engine.strategy;

import java.util.Optional;

/** Built-in constraints. */
public final class Constraints {
  private Constraints() {}

  /** Rejects architectures with more than {@code n} trainable parameters. */
  public static Constraint maxParameters(long n) {
    return (sample, stats) -> stats.params() > n
        ? Optional.of(String.format("%,d parameters exceed the limit of %,d", stats.params(), n))
        : Optional.empty();
  }

  /** Rejects architectures with more than {@code n} FLOPs (multiply-adds) per example. */
  public static Constraint maxFlops(long n) {
    return (sample, stats) -> stats.flops() > n
        ? Optional.of(String.format("%,d FLOPs per example exceed the limit of %,d", stats.flops(), n))
        : Optional.empty();
  }
}
