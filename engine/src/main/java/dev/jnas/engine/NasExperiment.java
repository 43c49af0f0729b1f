package dev.jnas.engine;

import ai.djl.engine.Engine;
import ai.djl.nn.Block;
import dev.jnas.engine.strategy.Strategy;
import dev.jnas.ir.Choice;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Sample;
import dev.jnas.ir.SearchSpace;
import dev.jnas.ir.Shape;
import dev.jnas.mutators.Mutators;
import dev.jnas.nn.Module;
import dev.jnas.nn.Tracer;
import dev.jnas.runtime.Evaluator;
import dev.jnas.runtime.ModelFactory;
import dev.jnas.runtime.Nas;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A multi-trial architecture search: the engine asks the strategy for architectures, runs
 * {@code trialConcurrency} trials at a time (sample, frozen IR, generated block, compiled class,
 * evaluator), tells the strategy each result, and stops at maxTrialNumber, when the strategy has
 * nothing left, or when the time budget is spent.
 */
public final class NasExperiment {
  /** Set by {@code jnas resume}: {@link #run} then continues the experiment in this directory instead. */
  public static final String RESUME_PROPERTY = "jnas.resume";
  /** How long a shutdown (Ctrl-C, SIGTERM) waits for the experiment to record that it stopped. */
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

  private final Supplier<? extends Module> constructor;
  private final Module space;
  private final Evaluator evaluator;
  private final Strategy strategy;
  private final List<TrialRun> trials = new ArrayList<>();
  private PrintStream progress = System.out;
  private ExperimentConfig config;
  private Path directory;
  private String stopReason = "not started";
  private TrialPreparer preparer;
  private Graph traced;
  private SearchSpace searchSpace;
  private ExperimentStore store;
  private int port;
  private String host = "127.0.0.1";
  /** Why the user, another process or a signal asked the experiment to stop; null while nobody has. */
  private volatile String stopRequest;
  private final java.util.Queue<Integer> trialsToStop = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private dev.jnas.engine.ui.WebUi ui;
  private ExperimentLock lock;
  /** Counted down when the loop has recorded how the experiment ended, for the shutdown hook to wait on. */
  private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);

  /** A search over {@code space}; the PURE engine makes new instances with its no-arg constructor. */
  public NasExperiment(Module space, Evaluator evaluator, Strategy strategy) {
    this(space, noArgConstructor(space), evaluator, strategy);
  }

  /** A search over the space {@code constructor} builds. */
  public NasExperiment(Supplier<? extends Module> constructor, Evaluator evaluator, Strategy strategy) {
    this(constructor.get(), constructor, evaluator, strategy);
  }

  private NasExperiment(Module space, Supplier<? extends Module> constructor, Evaluator evaluator, Strategy strategy) {
    if (space == null || evaluator == null || strategy == null) {
      throw new IllegalArgumentException("a NasExperiment needs a space, an evaluator and a strategy");
    }
    this.space = space;
    this.constructor = constructor;
    this.evaluator = evaluator;
    this.strategy = strategy;
  }

  /** The address the web UI binds to: 127.0.0.1 (this machine only) unless set otherwise. */
  public NasExperiment host(String host) {
    this.host = host;
    return this;
  }

  /** Asks the experiment to stop: running trials are cancelled and the experiment recorded as STOPPED. */
  public void stop() {
    requestStop("stopped by the user");
  }

  private void requestStop(String why) {
    if (stopRequest == null) {
      stopRequest = why;
    }
  }

  /** Asks the experiment to stop one running trial. */
  public boolean stopTrial(int id) {
    boolean running = trials.stream().anyMatch(t -> t.trialId() == id && t.state() == TrialState.RUNNING);
    if (running) {
      trialsToStop.add(id);
    }
    return running;
  }

  /** Serves the web UI of the experiment recorded in {@code dir}, read-only; close it to stop serving. */
  public static dev.jnas.engine.ui.WebUi serve(Path dir, String host, int port) {
    ExperimentStore.open(dir).close();
    return dev.jnas.engine.ui.WebUi.start(dir, host, port, null);
  }

  /** Where progress lines go (standard output by default). */
  public NasExperiment progress(PrintStream out) {
    this.progress = out;
    return this;
  }

  public void run(ExperimentConfig config) {
    run(config, 0);
  }

  /**
   * Runs the experiment to its end. {@code port} is where the web UI will listen (issue 6); 0 runs
   * without it. Everything is recorded as it happens in the experiment directory's store.
   */
  public void run(ExperimentConfig config, int port) {
    String resumeDir = System.getProperty(RESUME_PROPERTY);
    if (resumeDir != null) {
      resume(Path.of(resumeDir), port);
      return;
    }
    begin(config, port);
    Path dir = config.experimentDir() != null ? config.experimentDir() : defaultDirectory(config.experimentName());
    if (Files.exists(dir.resolve(ExperimentStore.FILE)) && !ExperimentStore.isIncomplete(dir)) {
      throw new IllegalStateException(dir + " already holds an experiment; resume it or choose another experimentDir");
    }
    // Everything that can fail (config, space, lock, port) fails before the store exists, so a
    // failed start never leaves an experiment that looks as if it ran.
    prepareSpace();
    boolean newDirectory = !Files.exists(dir);
    lock = ExperimentLock.acquire(dir);
    directory = dir;
    try {
      StopRequest.clear(dir);
      startUi();
      store = ExperimentStore.create(directory, config.toJson(), traced.toString(), searchSpace.toString());
    } catch (RuntimeException e) {
      closeUi();
      lock.close();
      if (newDirectory) {
        deleteLeftovers(dir);
      }
      throw e;
    }
    store.event("started", "experiment " + config.experimentName() + ": " + firstLine(searchSpace));
    String command = System.getProperty(dev.jnas.engine.cli.Jnas.COMMAND_PROPERTY);
    if (command != null) {
      store.put("command", command);
      String signature = System.getProperty(dev.jnas.engine.cli.Jnas.SIGNATURE_PROPERTY);
      if (signature != null) {
        store.put("command_signature", signature);
      }
    }
    loop(List.of(), Duration.ZERO);
  }

  /**
   * Continues the experiment recorded in {@code dir}, with this experiment's space, evaluator and
   * strategy (the same ones it was started with): finished trials are kept and never re-run,
   * trials that were running are run again, the strategy continues from its last recorded state,
   * and the trial and time budgets count what was already spent.
   */
  public void resume(Path dir) {
    resume(dir, 0);
  }

  /** {@link #resume(Path)}, serving the web UI on {@code port} (0: none). */
  public void resume(Path dir, int port) {
    ExperimentStore.open(dir).close();
    lock = ExperimentLock.acquire(dir);
    ExperimentStore opened;
    try {
      opened = ExperimentStore.openForWriting(dir);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
    try {
      ExperimentConfig stored = opened.config().experimentDir(dir);
      begin(stored, port);
      store = opened;
      directory = dir;
      String storedSpace = store.get("space").orElse("");
      String storedName = dev.jnas.ir.text.IrParser.parse(storedSpace).name();
      if (!storedName.equals(space.getClass().getSimpleName())) {
        throw new IllegalStateException("the space " + space.getClass().getSimpleName() + " is not the one the experiment in "
            + dir + " searched (" + storedName + "); resume it with the space it was started with");
      }
      prepareSpace();
      if (!traced.toString().equals(storedSpace)) {
        throw new IllegalStateException("the space " + traced.name() + " is not the one the experiment in " + dir
            + " searched: its choices or layers changed since; resume it with the space it was started with");
      }
      StopRequest.clear(dir);
      startUi();
    } catch (RuntimeException e) {
      closeUi();
      opened.close();
      lock.close();
      throw e;
    }
    store.latestStrategyState().ifPresent(strategy::restore);
    List<TrialRun> rerun = new ArrayList<>();
    for (ExperimentStore.StoredTrial t : store.trials()) {
      Path out = directory.resolve("trials").resolve(Integer.toString(t.id()));
      if (t.state() == TrialState.SUCCEEDED || t.state() == TrialState.FAILED) {
        trials.add(TrialRun.restored(t, out, store));
      } else {
        TrialRun again = new TrialRun(t.id(), t.sample(), out, store);
        trials.add(again);
        rerun.add(again);
      }
    }
    // A result stored just before a crash may never have reached the strategy's recorded state.
    List<Integer> untold = store.untold();
    for (int id : untold) {
      told(trials.get(id - 1), false);
    }
    Duration spent = Duration.ofMillis(Long.parseLong(store.get("elapsed_ms").orElse("0")));
    store.put("status", ExperimentStore.Status.RUNNING.name());
    store.event("resumed", trials.size() - rerun.size() + " trials kept, " + rerun.size() + " to run again, "
        + (untold.isEmpty() ? "" : untold.size() + " results told to the strategy again, ") + format(spent) + " already spent");
    progress.printf("jnas: resuming %s: %d trials kept, %d to run again%n", dir, trials.size() - rerun.size(), rerun.size());
    loop(rerun, spent);
  }

  /** Reads the experiment recorded in {@code dir}, finished or not, without running anything. */
  public static ExperimentView view(Path dir) {
    return ExperimentView.read(dir);
  }

  private void begin(ExperimentConfig config, int port) {
    if (this.config != null) {
      throw new IllegalStateException("this experiment has run already; make a new NasExperiment");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("invalid web UI port " + port + "; use 0 for none or 1-65535");
    }
    config.validate(Engine.getInstance().getGpuCount());
    this.config = config;
    this.port = port;
  }

  private void prepareSpace() {
    Shape input = Shape.batchOf(config.inputShape());
    traced = Tracer.trace(space, input).graph();
    TracedArchitectures architectures = new TracedArchitectures(traced);
    strategy.start(architectures, config.seed());
    preparer = new TrialPreparer(traced, constructor, input, config.executionEngine());
    searchSpace = architectures.searchSpace();
  }

  private void startUi() {
    if (port == 0) {
      return;
    }
    ui = dev.jnas.engine.ui.WebUi.start(directory, host, port, new dev.jnas.engine.ui.WebUi.Controls() {
      @Override
      public void stopExperiment() {
        requestStop("stopped from the web UI");
      }

      @Override
      public boolean stopTrial(int id) {
        return NasExperiment.this.stopTrial(id);
      }
    });
  }

  private void closeUi() {
    if (ui != null) {
      ui.close();
      ui = null;
    }
  }

  private void loop(List<TrialRun> rerun, Duration spent) {
    long started = System.nanoTime() - spent.toNanos();
    Thread shutdownHook = new Thread(() -> {
      requestStop("stopped because the process was asked to end (Ctrl-C or SIGTERM)");
      try {
        ended.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "jnas-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    progress.printf("jnas: experiment %s in %s%n  space %s: %s%n  %d trials at most, %d at a time, %s engine%n",
        config.experimentName(), directory, traced.name(), firstLine(searchSpace), config.maxTrialNumber(),
        config.trialConcurrency(), config.executionEngine());
    if (ui != null) {
      progress.printf("  web UI: %s (to stop from the UI, give the token %s)%n", ui.uri(), ui.token());
    }
    ExecutorService pool = Executors.newFixedThreadPool(config.trialConcurrency(), r -> {
      Thread t = new Thread(r, "jnas-trial");
      t.setDaemon(true);
      return t;
    });
    CompletionService<TrialRun> done = new ExecutorCompletionService<>(pool);
    Map<TrialRun, Future<TrialRun>> running = new java.util.LinkedHashMap<>();
    java.util.ArrayDeque<TrialRun> again = new java.util.ArrayDeque<>(rerun);
    boolean exhausted = false;
    ExperimentStore.Status status = ExperimentStore.Status.DONE;
    try {
      while (true) {
        StopRequest.take(directory).ifPresent(by -> requestStop("stopped by " + by));
        boolean outOfTime = config.maxExperimentDuration() != null
            && System.nanoTime() - started > config.maxExperimentDuration().toNanos();
        String stopBy = stopRequest;
        if (outOfTime || stopBy != null) {
          stopReason = stopBy != null ? stopBy : "maxExperimentDuration " + config.maxExperimentDuration() + " is spent";
          status = stopBy != null ? ExperimentStore.Status.STOPPED : ExperimentStore.Status.DONE;
          for (Map.Entry<TrialRun, Future<TrialRun>> r : running.entrySet()) {
            // Cancel first: the first reason recorded wins over the interrupted evaluator's.
            r.getKey().cancel(stopBy != null ? "cancelled: the experiment was " + stopBy
                : "cancelled: the experiment's time budget is spent");
            r.getValue().cancel(true);
            report(r.getKey());
          }
          running.clear();
          break;
        }
        for (Integer id; (id = trialsToStop.poll()) != null; ) {
          for (var it = running.entrySet().iterator(); it.hasNext(); ) {
            var r = it.next();
            if (r.getKey().trialId() == id) {
              r.getKey().finish("stopped by the user");
              r.getValue().cancel(true);
              told(r.getKey(), true);
              it.remove();
            }
          }
        }
        while (running.size() < config.trialConcurrency() && !again.isEmpty()) {
          TrialRun trial = again.poll();
          running.put(trial, done.submit(() -> runTrial(trial)));
        }
        while (!exhausted && running.size() < config.trialConcurrency() && trials.size() < config.maxTrialNumber()) {
          Optional<Sample> next = strategy.ask();
          recordRejections();
          if (next.isEmpty()) {
            exhausted = true;
            stopReason = "the search space is exhausted: " + strategy.exhaustedReason();
            break;
          }
          int id = trials.size() + 1;
          TrialRun trial = new TrialRun(id, next.get(), directory.resolve("trials").resolve(Integer.toString(id)), store);
          store.trialProposed(id, next.get(), strategy.snapshot());
          trials.add(trial);
          running.put(trial, done.submit(() -> runTrial(trial)));
        }
        if (running.isEmpty()) {
          if (!exhausted) {
            stopReason = "maxTrialNumber " + config.maxTrialNumber() + " reached";
          }
          break;
        }
        Future<TrialRun> finished = done.poll(200, TimeUnit.MILLISECONDS);
        if (finished != null && !finished.isCancelled()) {
          TrialRun trial = finished.get();
          running.remove(trial);
          told(trial, true);
        }
        timeOutLongTrials(running);
        store.put("elapsed_ms", Long.toString(Duration.ofNanos(System.nanoTime() - started).toMillis()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopReason = "interrupted";
      status = ExperimentStore.Status.STOPPED;
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("the engine failed running a trial", e.getCause());
    } finally {
      pool.shutdownNow();
      preparer.close();
      try {
        store.put("elapsed_ms", Long.toString(Duration.ofNanos(System.nanoTime() - started).toMillis()));
        store.put("status", status.name());
        store.put("stop_reason", stopReason);
        store.event("stopped", stopReason);
      } finally {
        store.close();
        closeUi();
        lock.close();
        ended.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
          // The hook is running: it waits for `ended`, counted down above.
        }
      }
    }
    progress.printf("jnas: done after %s: %s; %s%n", format(Duration.ofNanos(System.nanoTime() - started)), stopReason, best());
  }

  private void recordRejections() {
    if (strategy instanceof dev.jnas.engine.strategy.SearchStrategy s) {
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
    OptionalDouble metric = trial.snapshot().finalMetric();
    // Strategies always maximise: a MINIMIZE experiment tells them the negated metric.
    if (metric.isPresent() && config.optimizeMode() == OptimizeMode.MINIMIZE) {
      metric = OptionalDouble.of(-metric.getAsDouble());
    }
    strategy.tell(trial.sample(), metric);
    store.strategyTold(trial.trialId(), strategy.snapshot());
    if (report) {
      report(trial);
    }
  }

  private void timeOutLongTrials(Map<TrialRun, Future<TrialRun>> running) {
    if (config.maxTrialDuration() == null) {
      return;
    }
    for (var it = running.entrySet().iterator(); it.hasNext(); ) {
      var r = it.next();
      if (r.getKey().elapsed().compareTo(config.maxTrialDuration()) > 0) {
        r.getKey().finish("exceeded maxTrialDuration " + config.maxTrialDuration());
        r.getValue().cancel(true);
        told(r.getKey(), true);
        it.remove();
      }
    }
  }

  private TrialRun runTrial(TrialRun trial) {
    trial.start();
    try {
      Files.createDirectories(trial.outputDir());
      Files.writeString(trial.outputDir().resolve("sample.json"), trial.sample().toJson() + "\n");
      if (config.executionEngine() == ExecutionEngine.BENCHMARK) {
        Nas.runAs(trial, () -> evaluator.evaluate(benchmarkModels(trial)));
        trial.finish(null);
        return trial;
      }
      TrialPreparer.Generated generated = preparer.generate(trial.sample());
      trial.architecture(generated.block().architectureHash());
      // Written before compiling, so source that javac rejects is there to read.
      Files.writeString(trial.outputDir().resolve(generated.block().className() + ".java"), generated.block().source());
      TrialPreparer.Prepared prepared = preparer.load(generated);
      ModelFactory models = new ModelFactory() {
        @Override
        public Block newBlock() {
          try {
            return prepared.type().getDeclaredConstructor().newInstance();
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + prepared.block().qualifiedName(), e);
          }
        }

        @Override
        public Map<String, Object> sample() {
          return trial.sample().decisions();
        }

        @Override
        public String architecture() {
          return prepared.block().architectureHash();
        }

        @Override
        public void saveTrained(Block trained) {
          TrainedModels.save(trained, prepared.frozen(), prepared.block().architectureHash(), trial.outputDir());
          trial.log("trained model saved: " + TrainedModels.PARAMS + ", " + TrainedModels.ONNX);
        }
      };
      trial.log("architecture " + prepared.block().architectureHash() + " compiled as " + prepared.block().qualifiedName());
      if (config.trialConcurrency() == 1) {
        // DJL's random seed is process-wide: one trial at a time can be made repeatable, several cannot.
        Engine.getInstance().setRandomSeed((int) (config.seed() * 1_000_003 + trial.trialId()));
      }
      Nas.runAs(trial, () -> evaluator.evaluate(models));
      trial.finish(null);
    } catch (Throwable t) {
      java.io.StringWriter trace = new java.io.StringWriter();
      t.printStackTrace(new java.io.PrintWriter(trace));
      trial.log("failed:\n" + trace);
      trial.finish(describe(t));
    }
    return trial;
  }

  /** The model factory of a BENCHMARK trial: the sample, but no block (nothing is compiled). */
  private static ModelFactory benchmarkModels(TrialRun trial) {
    return new ModelFactory() {
      @Override
      public Block newBlock() {
        throw new UnsupportedOperationException("a BENCHMARK trial builds no block; its evaluator looks metrics up");
      }

      @Override
      public Map<String, Object> sample() {
        return trial.sample().decisions();
      }

      @Override
      public String architecture() {
        return "";
      }
    };
  }

  private static String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root && (root instanceof UncheckedIOException
        || root.getClass() == RuntimeException.class || root instanceof java.lang.reflect.InvocationTargetException)) {
      root = root.getCause();
    }
    String message = root.getMessage();
    String line = root.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    if (message != null && message.contains("PtGradientCollector is already collecting")) {
      line += " (DJL's PyTorch engine trains one model per process at a time: wrap each training step in"
          + " TrainingLock.step, as ClassificationEvaluator does)";
    }
    return line;
  }

  private void report(TrialRun trial) {
    Trial t = trial.snapshot();
    long finished = trials.stream().filter(TrialRun::finished).count();
    String outcome = t.state() == TrialState.SUCCEEDED
        ? String.format("metric %.4f", t.finalMetric().getAsDouble())
        : t.state() + ": " + t.failure();
    progress.printf("[trial %d] %s %s in %s%n", t.id(), t.sample().toJson(), outcome, format(t.duration()));
    int width = 30;
    int filled = (int) (width * finished / Math.max(1, config.maxTrialNumber()));
    progress.printf("  [%s%s] %d/%d trials done, %s%n", "#".repeat(filled), "-".repeat(width - filled), finished,
        config.maxTrialNumber(), best());
  }

  private String best() {
    return bestFirst().findFirst()
        .map(t -> String.format("best %.4f by trial %d %s", t.finalMetric().getAsDouble(), t.id(), t.sample().toJson()))
        .orElse("no trial succeeded yet");
  }

  private java.util.stream.Stream<Trial> bestFirst() {
    OptimizeMode mode = config == null ? OptimizeMode.MAXIMIZE : config.optimizeMode();
    return trials().stream()
        .filter(t -> t.state() == TrialState.SUCCEEDED)
        .sorted(((Comparator<Trial>) (a, b) -> mode.compareBestFirst(a.finalMetric().getAsDouble(), b.finalMetric().getAsDouble()))
            .thenComparingInt(Trial::id));
  }

  /** Every trial so far, in submission order. */
  public List<Trial> trials() {
    return trials.stream().map(TrialRun::snapshot).toList();
  }

  /** Why the experiment stopped. */
  public String stopReason() {
    return stopReason;
  }

  public Path experimentDir() {
    return directory;
  }

  /**
   * The {@code k} best successful trials by final metric (under optimizeMode): their samples
   * (DICT) or their generated sources (CODE, also written to {@code <experimentDir>/export/}).
   */
  public List<Object> exportTopModels(int k, Formatter formatter) {
    if (config == null) {
      throw new IllegalStateException("run the experiment before exporting its top models");
    }
    List<Trial> top = bestFirst().limit(k).toList();
    List<Object> out = new ArrayList<>();
    for (Trial t : top) {
      if (formatter == Formatter.DICT) {
        out.add(t.sample().decisions());
        continue;
      }
      var block = dev.jnas.codegen.BlockGenerator.generate(Mutators.freeze(traced, t.sample()), traced.name(), t.sample());
      out.add(Exports.write(directory, t.id(), t.architecture(), block, formatter));
    }
    return out;
  }

  private static Path defaultDirectory(String name) {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return JnasHome.experiments().resolve(name + "-" + stamp);
  }

  /** Removes a directory this run created but never recorded an experiment in (a failed start). */
  private static void deleteLeftovers(Path dir) {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // Only empty leftovers of a failed start; the error that caused it is the one to report.
    }
  }

  private static String firstLine(SearchSpace space) {
    return space.toString().lines().findFirst().orElse("") + " over "
        + String.join(", ", space.choices().stream().map(Choice::label).toList());
  }

  static String format(Duration d) {
    long seconds = d.toSeconds();
    return seconds >= 60 ? String.format("%d:%02d min", seconds / 60, seconds % 60) : String.format("%.1f s", d.toMillis() / 1000.0);
  }

  private static Supplier<? extends Module> noArgConstructor(Module space) {
    return () -> {
      try {
        Constructor<? extends Module> c = space.getClass().getDeclaredConstructor();
        c.setAccessible(true);
        return c.newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("the PURE engine makes a new " + space.getClass().getSimpleName()
            + " per trial but it has no usable no-arg constructor; pass a Supplier to NasExperiment instead", e);
      }
    };
  }
}
