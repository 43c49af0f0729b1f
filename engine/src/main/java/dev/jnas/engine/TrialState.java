package dev.jnas.engine;

/**
 * Where a trial is in its life. SUCCEEDED and FAILED are results the strategy is told; CANCELLED
 * means the experiment ended (stopped, signalled, out of time) before the trial did, so a resumed
 * experiment runs it again.
 */
public enum TrialState {
  WAITING,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED
}
