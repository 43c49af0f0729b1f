package dev.jnas.runtime;

/**
 * Thrown by {@link Nas#reportIntermediateResult} when the experiment has stopped the trial early
 * (the median rule): the evaluator unwinds, closing what it opened, and its worker stays warm for
 * the next trial. Let it propagate.
 */
public final class TrialStoppedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Says trial {@code trialId} was stopped early by the experiment. */
  public TrialStoppedException(int trialId) {
    super("trial " + trialId + " was stopped early by the experiment");
  }
}
