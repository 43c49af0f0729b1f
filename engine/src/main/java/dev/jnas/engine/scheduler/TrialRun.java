package dev.jnas.engine.scheduler;

import dev.jnas.engine.MetricLimit;
import dev.jnas.engine.Trial;
import dev.jnas.engine.TrialState;
import dev.jnas.engine.store.ExperimentStore;
import dev.jnas.ir.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;

/** The live state of one trial, as the scheduler learns it from the training service. */
final class TrialRun {
  private final int id;
  private final Sample sample;
  private final Path outputDir;
  private final long seed;
  private final String metricKey;
  private final List<MetricLimit> limits;
  private final List<Map<String, Double>> intermediateMetrics = new CopyOnWriteArrayList<>();
  private volatile TrialState state = TrialState.WAITING;
  private volatile Map<String, Double> finalMetrics;
  private volatile String failure;
  private volatile String architecture;
  private volatile long startedNanos;
  private volatile long endedNanos;
  private volatile long lastReportNanos;
  private volatile long progressDone;
  private volatile long progressTotal;
  private volatile long progressStoredNanos;
  private volatile long reportGapNanos;

  private final ExperimentStore store;

  /**
   * A new trial; {@code metricKey} is the metric that ranks it, {@code limits} the bounds its final
   * metrics must keep.
   */
  TrialRun(int id, Sample sample, Path outputDir, long seed, String metricKey, List<MetricLimit> limits, ExperimentStore store) {
    this.id = id;
    this.sample = sample;
    this.outputDir = outputDir;
    this.seed = seed;
    this.metricKey = metricKey;
    this.limits = List.copyOf(limits);
    this.store = store;
  }

  /** A trial that finished before the experiment was interrupted, as its store recorded it. */
  static TrialRun restored(ExperimentStore.StoredTrial t, Path outputDir, long seed, String metricKey, List<MetricLimit> limits,
      ExperimentStore store) {
    TrialRun run = new TrialRun(t.id(), t.sample(), outputDir, t.seed() == null ? seed : t.seed(), metricKey, limits, store);
    run.intermediateMetrics.addAll(t.intermediateMetrics());
    if (!t.finalMetrics().isEmpty()) {
      run.finalMetrics = t.finalMetrics();
    } else if (t.finalMetric().isPresent()) {
      // A store older than metric maps kept the final number alone.
      run.finalMetrics = Map.of(metricKey, t.finalMetric().getAsDouble());
    }
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

  long seed() {
    return seed;
  }

  void reportIntermediate(Map<String, Double> metrics) {
    if (ended()) {
      return;
    }
    long now = System.nanoTime();
    reportGapNanos = now - (lastReportNanos == 0 ? startedNanos : lastReportNanos);
    lastReportNanos = now;
    intermediateMetrics.add(metrics);
    store.metric(id, metrics.get(metricKey), metrics);
    log("intermediate result " + describe(metrics));
  }

  void reportFinal(Map<String, Double> metrics) {
    if (ended()) {
      return;
    }
    finalMetrics = metrics;
    log("final result " + describe(metrics));
  }

  /** How far the trial is inside (done of total steps): recorded at most once a second, the latest wins. */
  void progress(long done, long total) {
    if (ended()) {
      return;
    }
    progressDone = done;
    progressTotal = total;
    long now = System.nanoTime();
    if (done == total || now - progressStoredNanos >= 1_000_000_000L) {
      progressStoredNanos = now;
      store.trialProgress(id, done, total);
    }
  }

  /** The latest progress, such as "120/250", or null before the first. */
  String progressText() {
    return progressTotal == 0 ? null : progressDone + "/" + progressTotal;
  }

  /** The fraction done by the latest progress, or -1 before the first. */
  double progressFraction() {
    return progressTotal == 0 ? -1 : (double) progressDone / progressTotal;
  }

  /** A report as the log shows it: the number alone when it was one. */
  private static String describe(Map<String, Double> metrics) {
    return metrics.size() == 1 && metrics.containsKey("default") ? metrics.get("default").toString() : metrics.toString();
  }

  /** How long the trial took between its last two reports (from its start, for the first): when to expect the next. */
  Duration reportGap() {
    return Duration.ofNanos(Math.max(0, reportGapNanos));
  }

  /** The ranking metric of each intermediate report so far that has it. */
  List<Double> intermediate() {
    return intermediateMetrics.stream().map(m -> m.get(metricKey)).filter(Objects::nonNull).toList();
  }

  /** Appends a line to this trial's log ({@code trial.log} in its folder), which the web UI shows. */
  void log(String line) {
    try {
      Files.createDirectories(outputDir);
      Files.writeString(outputDir.resolve("trial.log"), Instant.now() + " " + line + "\n", StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
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
    intermediateMetrics.clear();
    finalMetrics = null;
    lastReportNanos = 0;
    progressDone = 0;
    progressTotal = 0;
    startedNanos = System.nanoTime();
    state = TrialState.RUNNING;
    store.trialStarted(id, seed);
    log("started on " + where + " with seed " + seed + ": " + sample.toJson());
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

  /**
   * Ends the trial: succeeded with its final metric, infeasible when its metrics break a limit, or
   * failed with a reason.
   */
  synchronized void finish(String failureReason) {
    if (ended()) {
      return;
    }
    Map<String, Double> metrics = finalMetrics;
    if (failureReason == null && metrics == null) {
      failureReason = "the evaluator returned without reporting a final result (Nas.reportFinalResult)";
    } else if (failureReason == null && !metrics.containsKey(metricKey)) {
      failureReason = "its final metrics have no '" + metricKey + "', the metric this experiment ranks by"
          + " (ExperimentConfig.metricKey); it reported " + metrics.keySet();
    }
    if (failureReason != null) {
      end(TrialState.FAILED, failureReason);
      return;
    }
    Optional<String> broken = limits.stream().map(l -> l.violation(metrics)).flatMap(Optional::stream).findFirst();
    end(broken.isPresent() ? TrialState.INFEASIBLE : TrialState.SUCCEEDED, broken.orElse(null));
  }

  /** Stops the trial early (the median rule), and why; the training service is told separately. */
  synchronized void stopEarly(String reason) {
    if (!ended()) {
      end(TrialState.EARLY_STOPPED, reason);
    }
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

  /** Whether the trial has a result for the strategy. */
  boolean finished() {
    return state.isResult();
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
    Map<String, Double> metrics = finalMetrics;
    boolean ranked = state == TrialState.SUCCEEDED || state == TrialState.INFEASIBLE;
    OptionalDouble metric = ranked && metrics != null && metrics.containsKey(metricKey)
        ? OptionalDouble.of(metrics.get(metricKey)) : OptionalDouble.empty();
    return new Trial(id, sample, state, intermediate(), metric, failure, elapsed(), architecture, outputDir,
        metrics == null ? Map.of() : metrics, intermediateMetrics, seed);
  }
}
