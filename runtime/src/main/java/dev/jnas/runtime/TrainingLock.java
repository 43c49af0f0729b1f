package dev.jnas.runtime;

import java.util.concurrent.locks.ReentrantLock;

/**
 * DJL's PyTorch engine lets one gradient collector exist per process ("A PtGradientCollector is
 * already collecting"), so trials that share a process (the inProcess service) take turns, one
 * batch at a time, under this lock; everything else (data, validation) still overlaps. A trial
 * alone in its worker JVM (the default, local service) runs its steps without it.
 */
public final class TrainingLock {
  private static final ReentrantLock LOCK = new ReentrantLock(true);

  private TrainingLock() {}

  /** Runs one training step (forward, backward, optimizer step) while no other trial trains. */
  public static void step(Nas.ThrowingRunnable step) throws Exception {
    if (!Nas.sharesProcess()) {
      step.run();
      return;
    }
    LOCK.lockInterruptibly();
    try {
      step.run();
    } finally {
      LOCK.unlock();
    }
  }
}
