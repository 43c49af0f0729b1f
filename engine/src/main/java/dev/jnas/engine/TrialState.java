package dev.jnas.engine;

/** Where a trial is in its life. */
public enum TrialState {
  WAITING,
  RUNNING,
  SUCCEEDED,
  FAILED
}
