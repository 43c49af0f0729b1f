package dev.jnas.runtime;

import java.nio.file.Path;

/** What a running trial offers its evaluator: its id, its output folder, and where results go. */
public interface TrialContext {
  int trialId();

  Path outputDir();

  /** An intermediate result (one per epoch, say), already checked to be a finite number. */
  void reportIntermediate(double value);

  /** The trial's final result, already checked to be a finite number. */
  void reportFinal(double value);

  /**
   * Whether other trials may train in this process at the same time (the inProcess service), so
   * training steps must take turns under {@link TrainingLock}; a worker JVM runs one trial alone.
   */
  default boolean sharesProcess() {
    return true;
  }
}
