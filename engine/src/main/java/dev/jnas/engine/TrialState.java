package dev.jnas.engine;

/**
 * Where a trial is in its life. SUCCEEDED, FAILED, INFEASIBLE (succeeded but broke a metric limit)
 * and EARLY_STOPPED (stopped by the median rule) are results the strategy is told; only SUCCEEDED
 * trials rank. CANCELLED means the experiment ended (stopped, signalled, out of time) before the
 * trial did, so a resumed experiment runs it again.
 */
public enum TrialState {
  WAITING,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED,
  INFEASIBLE,
  EARLY_STOPPED;

  /** Whether the trial ended with a result the strategy is told (it is never run again). */
  public boolean isResult() {
    return this == SUCCEEDED || this == FAILED || this == INFEASIBLE || this == EARLY_STOPPED;
  }
}
