package dev.jnas.engine.scheduler;

import dev.jnas.engine.Trial;
import dev.jnas.engine.TrialState;
import dev.jnas.engine.store.ExperimentStore;
import dev.jnas.ir.Sample;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;

/** The live state of one trial, as the scheduler learns it from the training service. */
final class TrialRun {
  private final int id;
  private final Sample sample;
  private final Path outputDir;
  private final List<Double> intermediate = new CopyOnWriteArrayList<>();
  private volatile TrialState state = TrialState.WAITING;
  private volatile Double finalMetric;
  private volatile String failure;
  private volatile String architecture;
  private volatile long startedNanos;
  private volatile long endedNanos;

  private final ExperimentStore store;

  TrialRun(int id, Sample sample, Path outputDir, ExperimentStore store) {
    this.id = id;
    this.sample = sample;
    this.outputDir = outputDir;
    this.store = store;
  }

  /** A trial that finished before the experiment was interrupted, as its store recorded it. */
  static TrialRun restored(ExperimentStore.StoredTrial t, Path outputDir, ExperimentStore store) {
    TrialRun run = new TrialRun(t.id(), t.sample(), outputDir, store);
    run.intermediate.addAll(t.intermediate());
    run.finalMetric = t.finalMetric().isPresent() ? t.finalMetric().getAsDouble() : null;
    run.failure = t.failure();
    run.architecture = t.architecture();
    run.state = t.state();
    long millis = t.startedAt() == null || t.endedAt() == null ? 0 : t.endedAt() - t.startedAt();
    run.startedNanos = 1;
    run.endedNanos = 1 + millis * 1_000_000;
    return run;
  }

  int trialId() {
    return id;
  }

  Path outputDir() {
    return outputDir;
  }

  void reportIntermediate(double value) {
    if (ended()) {
      return;
    }
    intermediate.add(value);
    store.metric(id, value);
    log("intermediate result " + value);
  }

  void reportFinal(double value) {
    if (ended()) {
      return;
    }
    finalMetric = value;
    log("final result " + value);
  }

  /** Appends a line to this trial's log ({@code trial.log} in its folder), which the web UI shows. */
  void log(String line) {
    try {
      java.nio.file.Files.createDirectories(outputDir);
      java.nio.file.Files.writeString(outputDir.resolve("trial.log"), java.time.Instant.now() + " " + line + "\n",
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    } catch (java.io.IOException e) {
      // The log is a convenience; the store holds the record.
    }
  }

  Sample sample() {
    return sample;
  }

  TrialState state() {
    return state;
  }

  /** The trial's evaluator started, on {@code where} (a worker, a job, a thread). */
  void start(String where) {
    // A start may repeat (a worker re-attached after an engine restart replays its trial's
    // reports): everything reported before starts over with it, here and in the store.
    intermediate.clear();
    finalMetric = null;
    startedNanos = System.nanoTime();
    state = TrialState.RUNNING;
    store.trialStarted(id);
    log("started on " + where + ": " + sample.toJson());
  }

  /** The trial waits, and why (a batch scheduler's reason), which the store shows until it starts. */
  void waiting(String why) {
    store.trialWaiting(id, why);
    log("waiting: " + why);
  }

  boolean started() {
    return state == TrialState.RUNNING;
  }

  void architecture(String hash) {
    architecture = hash;
    store.trialArchitecture(id, hash);
  }

  /** Ends the trial: succeeded with its final metric, or failed with a reason. */
  synchronized void finish(String failureReason) {
    if (ended()) {
      return;
    }
    if (failureReason == null && finalMetric == null) {
      failureReason = "the evaluator returned without reporting a final result (Nas.reportFinalResult)";
    }
    end(failureReason == null ? TrialState.SUCCEEDED : TrialState.FAILED, failureReason);
  }

  /** Ends the trial without a result because the experiment ended first; a resume runs it again. */
  synchronized void cancel(String reason) {
    if (!ended()) {
      end(TrialState.CANCELLED, reason);
    }
  }

  private void end(TrialState outcome, String reason) {
    endedNanos = System.nanoTime();
    failure = reason;
    state = outcome;
    store.trialFinished(snapshot());
    log(state + (reason == null ? "" : ": " + reason) + " after " + elapsed().toMillis() + " ms");
  }

  /** Whether the trial has a result for the strategy (succeeded or failed). */
  boolean finished() {
    return state == TrialState.SUCCEEDED || state == TrialState.FAILED;
  }

  /** Whether the trial has ended, with a result or cancelled. */
  boolean ended() {
    return finished() || state == TrialState.CANCELLED;
  }

  Duration elapsed() {
    if (startedNanos == 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((ended() ? endedNanos : System.nanoTime()) - startedNanos);
  }

  Trial snapshot() {
    OptionalDouble metric = state == TrialState.SUCCEEDED ? OptionalDouble.of(finalMetric) : OptionalDouble.empty();
    return new Trial(id, sample, state, intermediate, metric, failure, elapsed(), architecture, outputDir);
  }
}
