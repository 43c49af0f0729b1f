package dev.jnas.engine.service;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The safety net under a cooperative early stop: a trial asked to stop at its next report that
 * does not report again in time (twice its usual interval, plus two seconds) is cancelled outright,
 * so it cannot hold its thread or worker.
 */
final class StopFallback {
  private StopFallback() {}

  /** After the grace period, runs {@code cancel} if {@code stillRunning} says the trial has not ended. */
  static void arm(int trial, Duration untilNextReport, BooleanSupplier stillRunning, Runnable cancel) {
    long graceMillis = 2 * untilNextReport.toMillis() + 2000;
    Thread fallback = new Thread(() -> {
      try {
        Thread.sleep(graceMillis);
      } catch (InterruptedException e) {
        return;
      }
      if (stillRunning.getAsBoolean()) {
        cancel.run();
      }
    }, "jnas-stop-" + trial);
    fallback.setDaemon(true);
    fallback.start();
  }
}
