package dev.jnas.runtime;

import java.util.concurrent.locks.ReentrantLock;

/**
 * DJL's PyTorch engine lets one gradient collector exist per process ("A PtGradientCollector is
 * already collecting"), so in-process trials that train at the same time take turns, one batch
 * at a time, under this lock; everything else (data, validation, compilation) still overlaps.
 */
public final class TrainingLock {
  private static final ReentrantLock LOCK = new ReentrantLock(true);

  private TrainingLock() {}

  /** Runs one training step (forward, backward, optimizer step) while no other trial trains. */
  public static void step(Nas.ThrowingRunnable step) throws Exception {
    LOCK.lockInterruptibly();
    try {
      step.run();
    } finally {
      LOCK.unlock();
    }
  }
}
