package dev.jnas.engine.strategy;

import dev.jnas.ir.Sample;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A search strategy, asked and told (as an Optuna sampler): the engine owns the loop, the
 * strategy sees only the space and the results of the trials it proposed.
 */
public interface Strategy {
  /** Called once, before the first {@link #ask()}. */
  void start(ArchitectureSpace space, long seed);

  /** The next architecture to try, or empty when the strategy has nothing new to offer. */
  Optional<Sample> ask();

  /**
   * The final metric of a proposed trial, or empty when it failed. The engine orients it so that
   * larger is better (it negates metrics of a MINIMIZE experiment), so strategies always maximise.
   */
  void tell(Sample sample, OptionalDouble metric);

  /**
   * {@link #tell(Sample, OptionalDouble)} with the trial's whole final report ({@code metrics}, empty
   * without one), which the engine calls; a strategy that reads more than the ranking metric
   * overrides this one.
   */
  default void tell(Sample sample, OptionalDouble metric, java.util.Map<String, Double> metrics) {
    tell(sample, metric);
  }

  /**
   * Whether an empty {@link #ask()} means "not yet": the engine asks again once a running trial
   * ends instead of ending the search (a one-shot strategy waits for its supernet).
   */
  default boolean awaitsRunningTrials() {
    return false;
  }

  /**
   * The strategy's state as text (proposals so far, population, random generator), recorded after
   * every tell so that a resumed experiment continues exactly where it stopped.
   */
  String snapshot();

  /** Continues from a {@link #snapshot()}; called after {@link #start}. */
  void restore(String snapshot);

  /** Why {@link #ask()} came back empty, for the user. */
  default String exhaustedReason() {
    return "the strategy has no architecture left to propose";
  }
}
