package dev.jnas.runtime;

import java.nio.file.Path;
import java.util.Map;

/** What a running trial offers its evaluator: its id, its output folder, and where results go. */
public interface TrialContext {
  /** The trial's id. */
  int trialId();

  /** The folder where the trial may write its files. */
  Path outputDir();

  /**
   * The trial's random seed, derived from the experiment's seed and the trial id: built-in
   * evaluators order their data by it, and a worker JVM seeds DJL's engine with it.
   */
  long seed();

  /**
   * An intermediate result (one per epoch, say): metric name to value, every value a finite number,
   * {@code "default"} for a plain number. Throws {@link TrialStoppedException} once the experiment
   * has stopped the trial early.
   */
  void reportIntermediate(Map<String, Double> metrics);

  /** Progress inside the trial: {@code done} of {@code total} steps (batches, say); kept only as the latest. */
  default void reportProgress(long done, long total) {}

  /** The trial's final result, as {@link #reportIntermediate}. */
  void reportFinal(Map<String, Double> metrics);

  /**
   * Whether other trials may train in this process at the same time (the inProcess service), so
   * training steps must take turns under {@link TrainingLock}; a worker JVM runs one trial alone.
   */
  default boolean sharesProcess() {
    return true;
  }
}
