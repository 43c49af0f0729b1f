package dev.jnas.engine.strategy;

import dev.jnas.ir.Sample;
import java.util.Optional;

/**
 * A filter a strategy applies before a trial runs: empty to accept an architecture, or the reason
 * it is rejected. Rejected architectures never reach training; the experiment records why.
 */
@FunctionalInterface
public interface Constraint {
  /** Empty to accept the architecture {@code sample} with these {@code stats}, or the reason it is rejected. */
  Optional<String> check(Sample sample, ArchitectureStats stats);
}
