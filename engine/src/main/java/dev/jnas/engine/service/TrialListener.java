package dev.jnas.engine.service;

import java.util.Map;

/**
 * What a training service tells the scheduler about the trials it was given. Called from the
 * service's own threads; the scheduler queues the calls and handles them on its loop.
 */
public interface TrialListener {
  /** The trial is queued or pending, and why (no free worker, a batch scheduler's reason). */
  void waiting(int trial, String reason);

  /** The trial's evaluator started, and where (a worker and its pid, a job id, this JVM). */
  void started(int trial, String where);

  /** An intermediate report: metric name to value. */
  void intermediate(int trial, Map<String, Double> metrics);

  /** How far the trial is inside: {@code done} of {@code total} steps (the latest only matters). */
  default void progress(int trial, long done, long total) {}

  /** The final report: metric name to value. */
  void finalResult(int trial, Map<String, Double> metrics);

  /**
   * The trial ended: {@code failure} is null when its evaluator returned, else why it failed (an
   * exception, an exit code, a signal, a JVM crash, running out of memory).
   */
  void ended(int trial, String failure);

  /** The trial ended without a result for a reason outside the scheduler (a job cancelled in the batch scheduler). */
  void cancelled(int trial, String reason);
}
