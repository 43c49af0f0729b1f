package dev.jnas.engine.scheduler;

import dev.jnas.engine.ExecutionEngine;
import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.MedianStop;
import dev.jnas.engine.OptimizeMode;
import dev.jnas.engine.Trial;
import dev.jnas.engine.TrialState;
import dev.jnas.engine.service.TrainingService;
import dev.jnas.engine.service.TrialListener;
import dev.jnas.engine.store.ExperimentStore;
import dev.jnas.engine.store.StopRequest;
import dev.jnas.engine.store.TrialArchitecture;
import dev.jnas.codegen.GeneratedBlock;
import dev.jnas.engine.strategy.OneShotStrategy;
import dev.jnas.engine.strategy.SearchStrategy;
import dev.jnas.engine.strategy.Strategy;
import dev.jnas.ir.Sample;
import dev.jnas.worker.Failures;
import dev.jnas.worker.TrialSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The trial loop: asks the strategy, prepares each trial (frozen IR, source, class files) and
 * hands it to the training service as a spec, hears the service's events, records everything in
 * the store, tells the strategy each result, and ends at maxTrialNumber, when the strategy has
 * nothing left, when the time budget is spent, or when asked to stop. Everything it records, it
 * records on its own thread: the store has one writer.
 */
public final class TrialScheduler {
  /** How a run of the loop ended: the experiment's status and the reason. */
  public record Ending(ExperimentStore.Status status, String reason) {}

  private final ExperimentConfig config;
  private final Strategy strategy;
  private final ExperimentStore store;
  private final TrainingService service;
  private final TrialPreparer preparer;
  private final Path directory;
  private final byte[] evaluator;
  private final PrintStream progress;
  private final List<TrialRun> trials = new CopyOnWriteArrayList<>();
  private final Deque<TrialRun> again = new ArrayDeque<>();
  private final Map<Integer, TrialRun> running = new LinkedHashMap<>();
  private final BlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
  private final Queue<Integer> toStop = new ConcurrentLinkedQueue<>();
  private volatile String stopRequest;

  /**
   * @param preparer the compiler path (not used by a BENCHMARK experiment, whose trials build no block)
   * @param evaluator the serialized evaluator, for services whose trials leave this JVM (else empty)
   */
  public TrialScheduler(ExperimentConfig config, Strategy strategy, ExperimentStore store, TrainingService service,
      TrialPreparer preparer, Path directory, byte[] evaluator, PrintStream progress) {
    this.config = config;
    this.strategy = strategy;
    this.store = store;
    this.service = service;
    this.preparer = preparer;
    this.directory = directory;
    this.evaluator = evaluator.clone();
    this.progress = progress;
  }

  /**
   * Takes up the trials a store recorded: finished ones are kept, the others (waiting, running,
   * cancelled) run again, and results the strategy's recorded state never saw are told to it now.
   * Returns how many were told.
   */
  public int restore(List<ExperimentStore.StoredTrial> stored) {
    for (ExperimentStore.StoredTrial t : stored) {
      Path out = trialDir(t.id());
      // Kept: every trial whose end the strategy heard (a result, or a stop by the user); run
      // again: the ones the experiment's own end cut short, or that were out when it died.
      if (t.state().isResult() || t.state() == TrialState.CANCELLED && t.told()) {
        trials.add(TrialRun.restored(t, out, seed(t.id()), config.metricKey(), config.metricLimits(), store));
      } else {
        TrialRun rerun = newRun(t.id(), t.sample());
        trials.add(rerun);
        again.add(rerun);
      }
    }
    List<Integer> untold = store.untold();
    for (int id : untold) {
      told(trials.get(id - 1), false);
    }
    return untold.size();
  }

  /** Trials kept from before a resume, and trials to run again. */
  public int kept() {
    return trials.size() - again.size();
  }

  public int toRunAgain() {
    return again.size();
  }

  /** Asks the loop to stop: running trials are cancelled and the experiment ends STOPPED with this reason. */
  public void requestStop(String why) {
    if (stopRequest == null) {
      stopRequest = why;
    }
  }

  /** Asks the loop to stop one trial that waits or runs; whether it did. Called from any thread. */
  public boolean stopTrial(int id) {
    boolean isRunning = trials.stream().anyMatch(t -> t.trialId() == id
        && (t.state() == TrialState.RUNNING || t.state() == TrialState.WAITING));
    if (isRunning) {
      toStop.add(id);
    }
    return isRunning;
  }

  /** Every trial so far, in submission order. */
  public List<Trial> trials() {
    return trials.stream().map(TrialRun::snapshot).toList();
  }

  /** Runs the loop until it ends; {@code spent} is the time earlier runs of this experiment took. */
  public Ending run(Duration spent) throws InterruptedException {
    long started = System.nanoTime() - spent.toNanos();
    service.start(listener());
    String serviceState = service.state();
    if (serviceState != null) {
      // What the service's jobs need to find this engine again after a restart.
      store.put("service_state", serviceState);
    }
    reattach();
    boolean exhausted = false;
    String reason = null;
    ExperimentStore.Status status = ExperimentStore.Status.DONE;
    try {
      while (true) {
        StopRequest.take(directory).ifPresent(by -> requestStop("stopped by " + by));
        boolean outOfTime = config.maxExperimentDuration() != null
            && System.nanoTime() - started > config.maxExperimentDuration().toNanos();
        String stopBy = stopRequest;
        if (outOfTime || stopBy != null) {
          reason = stopBy != null ? stopBy : "maxExperimentDuration " + config.maxExperimentDuration() + " is spent";
          status = stopBy != null ? ExperimentStore.Status.STOPPED : ExperimentStore.Status.DONE;
          for (TrialRun r : running.values()) {
            // Cancel first: the first reason recorded wins over whatever the service says next.
            r.cancel(stopBy != null ? "cancelled: the experiment was " + stopBy : "cancelled: the experiment's time budget is spent");
            service.cancel(r.trialId());
            report(r);
          }
          running.clear();
          break;
        }
        for (Integer id; (id = toStop.poll()) != null; ) {
          int stopped = id;
          TrialRun r = running.remove(id);
          if (r == null) {
            // Not handed to the service yet (a trial a resume runs again).
            r = again.stream().filter(t -> t.trialId() == stopped).findFirst().orElse(null);
            again.remove(r);
          }
          if (r != null) {
            // Cancelled, and told: the strategy learns it gave nothing, and a resume keeps it stopped.
            r.cancel("stopped by the user");
            service.cancel(id);
            told(r, true);
          }
        }
        while (running.size() < config.trialConcurrency() && !again.isEmpty()) {
          submit(again.poll());
        }
        while (!exhausted && running.size() < config.trialConcurrency() && trials.size() < config.maxTrialNumber()) {
          Optional<Sample> next = strategy.ask();
          recordRejections();
          if (next.isEmpty() && strategy.awaitsRunningTrials() && !running.isEmpty()) {
            break; // asked again once a running trial ends
          }
          if (next.isEmpty()) {
            exhausted = true;
            reason = "the search space is exhausted: " + strategy.exhaustedReason();
            break;
          }
          int id = trials.size() + 1;
          TrialRun trial = newRun(id, next.get());
          store.trialProposed(id, next.get(), strategy.snapshot());
          trials.add(trial);
          submit(trial);
        }
        if (running.isEmpty()) {
          if (!exhausted) {
            reason = "maxTrialNumber " + config.maxTrialNumber() + " reached";
          }
          break;
        }
        for (Runnable e = events.poll(200, TimeUnit.MILLISECONDS); e != null; e = events.poll()) {
          e.run();
        }
        timeOutLongTrials();
        printProgress();
        store.put("elapsed_ms", Long.toString(elapsedMillis(started)));
      }
    } catch (InterruptedException e) {
      for (TrialRun r : running.values()) {
        r.cancel("cancelled: the experiment was interrupted");
        service.cancel(r.trialId());
      }
      throw e;
    } finally {
      store.put("elapsed_ms", Long.toString(elapsedMillis(started)));
    }
    progress.printf("jnas: done after %s: %s; %s%n", format(Duration.ofMillis(elapsedMillis(started))), reason, best());
    return new Ending(status, reason);
  }

  /**
   * Trials that the service still runs from before an engine restart (a batch scheduler's jobs)
   * are taken up where they are instead of being run again; their events flow as before.
   */
  private void reattach() {
    Set<Integer> recorded = again.stream().map(TrialRun::trialId).collect(Collectors.toSet());
    Set<Integer> alive = recorded.isEmpty() ? Set.of() : service.reattach(recorded);
    for (var it = again.iterator(); it.hasNext(); ) {
      TrialRun r = it.next();
      if (alive.contains(r.trialId())) {
        it.remove();
        running.put(r.trialId(), r);
        r.log("re-attached: the training service still runs it");
      }
    }
  }

  /** The service's events, queued for the loop's thread. */
  private TrialListener listener() {
    return new TrialListener() {
      @Override
      public void waiting(int trial, String why) {
        events.add(() -> find(trial).ifPresent(r -> r.waiting(why)));
      }

      @Override
      public void cancelled(int trial, String reason) {
        events.add(() -> find(trial).ifPresent(r -> {
          running.remove(trial);
          r.cancel(reason);
          told(r, true);
        }));
      }

      @Override
      public void started(int trial, String where) {
        events.add(() -> find(trial).ifPresent(r -> r.start(where)));
      }

      @Override
      public void intermediate(int trial, Map<String, Double> metrics) {
        events.add(() -> find(trial).ifPresent(r -> {
          r.reportIntermediate(metrics);
          judge(r);
        }));
      }

      @Override
      public void progress(int trial, long done, long total) {
        events.add(() -> find(trial).ifPresent(r -> r.progress(done, total)));
      }

      @Override
      public void finalResult(int trial, Map<String, Double> metrics) {
        events.add(() -> find(trial).ifPresent(r -> r.reportFinal(metrics)));
      }

      @Override
      public void ended(int trial, String failure) {
        events.add(() -> find(trial).ifPresent(r -> {
          running.remove(trial);
          r.finish(failure);
          told(r, true);
        }));
      }
    };
  }

  private TrialRun newRun(int id, Sample sample) {
    return new TrialRun(id, sample, trialDir(id), seed(id), config.metricKey(), config.metricLimits(), store);
  }

  /** Stops a running trial the median rule condemns: recorded EARLY_STOPPED, its service told to end it. */
  private void judge(TrialRun r) {
    MedianStop rule = config.medianStop();
    if (rule == null || r.ended()) {
      return;
    }
    List<List<Double>> completed = trials.stream().filter(t -> t.state() == TrialState.SUCCEEDED || t.state() == TrialState.INFEASIBLE)
        .map(TrialRun::intermediate).toList();
    rule.judge(r.intermediate(), completed, config.optimizeMode()).ifPresent(why -> {
      running.remove(r.trialId());
      r.stopEarly(why);
      service.stopEarly(r.trialId(), r.reportGap());
      told(r, true);
    });
  }

  private Optional<TrialRun> find(int trial) {
    return Optional.ofNullable(running.get(trial));
  }

  /** Prepares a trial and hands it to the service; a trial that cannot even be prepared fails here. */
  private void submit(TrialRun trial) {
    try {
      Files.createDirectories(trial.outputDir());
      Files.writeString(trial.outputDir().resolve("sample.json"), trial.sample().toJson() + "\n");
      TrialSpec spec;
      if (config.executionEngine() == ExecutionEngine.BENCHMARK) {
        spec = new TrialSpec(trial.trialId(), trial.sample().toJson(), "", "", "", Map.of(), "", evaluator, trial.seed(),
            trial.outputDir().toString());
      } else if (OneShotStrategy.isSupernetTrial(trial.sample())) {
        // The supernet's source is kept in the trial's folder like any generated block.
        GeneratedBlock block = preparer.supernet().block();
        trial.architecture(block.architectureHash());
        Files.writeString(trial.outputDir().resolve(block.className() + ".java"), block.source());
        Map<String, byte[]> classFiles = preparer.bytecode(block);
        trial.log("supernet " + block.architectureHash() + " compiled as " + block.qualifiedName());
        spec = new TrialSpec(trial.trialId(), trial.sample().toJson(), block.architectureHash(), block.qualifiedName(),
            block.source(), classFiles, "", evaluator, trial.seed(), trial.outputDir().toString());
      } else {
        TrialPreparer.Generated generated = preparer.generate(trial.sample());
        trial.architecture(generated.block().architectureHash());
        // Written before compiling, so source that javac rejects is there to read.
        Files.writeString(trial.outputDir().resolve(generated.block().className() + ".java"), generated.block().source());
        TrialArchitecture.write(trial.outputDir(), generated.frozen());
        Map<String, byte[]> classFiles = preparer.bytecode(generated.block());
        trial.log("architecture " + generated.block().architectureHash() + " compiled as " + generated.block().qualifiedName());
        spec = new TrialSpec(trial.trialId(), trial.sample().toJson(), generated.block().architectureHash(),
            generated.block().qualifiedName(), generated.block().source(), classFiles, generated.frozen().toString(),
            evaluator, trial.seed(), trial.outputDir().toString());
      }
      running.put(trial.trialId(), trial);
      service.submit(spec);
    } catch (IOException | RuntimeException e) {
      running.remove(trial.trialId());
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      trial.log("failed before it could run:\n" + trace);
      trial.finish(Failures.describe(e));
      told(trial, true);
    }
  }

  /** Each trial's seed differs, and is the same for the same experiment seed and trial. */
  private long seed(int trialId) {
    return config.seed() * 1_000_003 + trialId;
  }

  private Path trialDir(int id) {
    return directory.resolve("trials").resolve(Integer.toString(id));
  }

  private void timeOutLongTrials() {
    if (config.maxTrialDuration() == null || service.enforcesTimeLimit()) {
      return;
    }
    for (var it = running.values().iterator(); it.hasNext(); ) {
      TrialRun r = it.next();
      if (r.started() && r.elapsed().compareTo(config.maxTrialDuration()) > 0) {
        it.remove();
        r.finish("exceeded maxTrialDuration " + config.maxTrialDuration());
        service.cancel(r.trialId());
        told(r, true);
      }
    }
  }

  /** How often the running trials' progress line is printed at most (ten seconds; tests shorten it). */
  static long progressLineNanos = 10_000_000_000L;
  private long progressPrinted = System.nanoTime();

  /** Every ten seconds, a line with how far each running trial is inside, so a long trial is not silent. */
  private void printProgress() {
    long now = System.nanoTime();
    if (now - progressPrinted < progressLineNanos) {
      return;
    }
    String line = running.values().stream().filter(r -> r.progressText() != null)
        .map(r -> String.format("trial %d %d%% (%s)", r.trialId(), (int) (100 * r.progressFraction()), r.progressText()))
        .collect(Collectors.joining(", "));
    if (!line.isEmpty()) {
      progressPrinted = now;
      progress.printf("  running: %s%n", line);
    }
  }

  private void recordRejections() {
    if (strategy instanceof SearchStrategy s) {
      for (var r : s.drainRejections()) {
        store.event("rejected", r.sample().toJson() + ": " + r.reason());
        progress.printf("[rejected] %s: %s%n", r.sample().toJson(), r.reason());
      }
    }
  }

  /**
   * Tells the strategy a trial's outcome and records the strategy's new state with the mark that it
   * was told, in one transaction; reports the trial when {@code report}.
   */
  private void told(TrialRun trial, boolean report) {
    Trial t = trial.snapshot();
    // An infeasible trial is told as a failure; one stopped early by its last ranking value, which
    // the median rule found wanting.
    OptionalDouble metric = switch (t.state()) {
      case SUCCEEDED -> t.finalMetric();
      case EARLY_STOPPED -> t.intermediate().isEmpty() ? OptionalDouble.empty()
          : OptionalDouble.of(t.intermediate().get(t.intermediate().size() - 1));
      default -> OptionalDouble.empty();
    };
    // Strategies always maximise: a MINIMIZE experiment tells them the negated metric.
    if (metric.isPresent() && config.optimizeMode() == OptimizeMode.MINIMIZE) {
      metric = OptionalDouble.of(-metric.getAsDouble());
    }
    strategy.tell(trial.sample(), metric, t.metrics());
    store.strategyTold(trial.trialId(), strategy.snapshot());
    if (report) {
      report(trial);
    }
  }

  private void report(TrialRun trial) {
    Trial t = trial.snapshot();
    long finished = trials.stream().filter(TrialRun::finished).count();
    String outcome = t.state() == TrialState.SUCCEEDED
        ? String.format("%s %.4f", config.metricKey().equals("default") ? "metric" : config.metricKey(), t.finalMetric().getAsDouble())
            + others(t.metrics())
        : t.state() + ": " + t.failure();
    progress.printf("[trial %d] %s %s in %s%n", t.id(), t.sample().toJson(), outcome, format(t.duration()));
    int width = 30;
    int filled = (int) (width * finished / Math.max(1, config.maxTrialNumber()));
    progress.printf("  [%s%s] %d/%d trials done, %s%n", "#".repeat(filled), "-".repeat(width - filled), finished,
        config.maxTrialNumber(), best());
  }

  /** The final metrics besides the ranking one, for the progress line. */
  private String others(Map<String, Double> metrics) {
    String rest = metrics.entrySet().stream().filter(e -> !e.getKey().equals(config.metricKey()))
        .map(e -> String.format("%s %.4g", e.getKey(), e.getValue())).collect(Collectors.joining(", "));
    return rest.isEmpty() ? "" : " (" + rest + ")";
  }

  private String best() {
    return bestFirst(trials(), config.optimizeMode()).findFirst()
        .map(t -> String.format("best %.4f by trial %d %s", t.finalMetric().getAsDouble(), t.id(), t.sample().toJson()))
        .orElse("no trial succeeded yet");
  }

  /** Successful trials of architectures (not a one-shot strategy's supernet), best first under {@code mode}, ties by id. */
  public static Stream<Trial> bestFirst(List<Trial> trials, OptimizeMode mode) {
    return trials.stream()
        .filter(t -> t.state() == TrialState.SUCCEEDED && !OneShotStrategy.isSupernetTrial(t.sample()))
        .sorted(((Comparator<Trial>) (a, b) -> mode.compareBestFirst(a.finalMetric().getAsDouble(), b.finalMetric().getAsDouble()))
            .thenComparingInt(Trial::id));
  }

  private static long elapsedMillis(long started) {
    return Duration.ofNanos(System.nanoTime() - started).toMillis();
  }

  /** A duration as people read it: 4.2 s, or 3:07 min. */
  public static String format(Duration d) {
    long seconds = d.toSeconds();
    return seconds >= 60 ? String.format("%d:%02d min", seconds / 60, seconds % 60) : String.format("%.1f s", d.toMillis() / 1000.0);
  }
}
