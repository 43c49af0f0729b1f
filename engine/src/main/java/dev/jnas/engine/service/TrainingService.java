package dev.jnas.engine.service;

import java.time.Duration;

import dev.jnas.worker.TrialSpec;
import java.util.Set;

/**
 * Where trials run, as a batch scheduler's contract: submit a trial (data, not objects), hear its
 * state, metrics and end through a {@link TrialListener}, cancel it, and re-attach after an engine
 * restart. The scheduler knows nothing of which service runs its trials: worker JVMs on this
 * machine, threads of this JVM, or (next) Slurm jobs.
 */
public interface TrainingService extends AutoCloseable {
  /** Gets ready to run trials (workers, channels); everything it learns goes to {@code listener}. */
  void start(TrialListener listener);

  /** Hands a trial over; it runs when the service has room, in submission order. */
  void submit(TrialSpec spec);

  /**
   * Stops a trial however far it got (a worker's whole process tree is killed). The scheduler has
   * recorded why before it calls this; an {@code ended} event may still follow, and is ignored.
   */
  void cancel(int trial);

  /**
   * Ends a running trial the experiment stopped early, with its result already recorded; it should
   * report again within {@code untilNextReport}. A service whose trials can stop themselves at
   * their next report asks them to, when that is sooner than replacing what runs them; by default,
   * a cancel.
   */
  default void stopEarly(int trial, Duration untilNextReport) {
    cancel(trial);
  }

  /**
   * After an engine restart: which of the trials the store records as running this service still
   * runs, now re-attached (their events flow again). A service whose trials die with the engine
   * returns none, and the scheduler runs them again.
   */
  default Set<Integer> reattach(Set<Integer> recorded) {
    return Set.of();
  }

  /**
   * Whether the service ends trials that pass maxTrialDuration itself (a batch scheduler's time
   * limit), so the scheduler does not; the service then reports such a trial as ended with its reason.
   */
  default boolean enforcesTimeLimit() {
    return false;
  }

  /**
   * What the service must find again after an engine restart (a channel's port and token, say), as
   * text the experiment keeps in its store; null when there is nothing.
   */
  default String state() {
    return null;
  }

  /** Stops every trial and releases everything the service started. */
  @Override
  void close();
}
