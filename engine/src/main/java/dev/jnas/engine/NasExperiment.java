package dev.jnas.engine;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnas.codegen.BlockGenerator;
import dev.jnas.engine.export.Exports;
import dev.jnas.codegen.SupernetGenerator;
import dev.jnas.engine.scheduler.TrialPreparer;
import dev.jnas.engine.scheduler.TrialScheduler;
import dev.jnas.engine.service.InProcessService;
import dev.jnas.engine.service.LocalWorkerService;
import dev.jnas.engine.service.SlurmService;
import dev.jnas.engine.service.TrainingService;
import dev.jnas.engine.service.WorkerJvm;
import dev.jnas.engine.service.WorkerSettings;
import dev.jnas.engine.store.ExperimentLock;
import dev.jnas.engine.store.ExperimentStore;
import dev.jnas.engine.store.StopRequest;
import dev.jnas.engine.strategy.OneShotStrategy;
import dev.jnas.engine.strategy.Strategy;
import dev.jnas.engine.ui.WebUi;
import dev.jnas.ir.Choice;
import dev.jnas.ir.Graph;
import dev.jnas.ir.SearchSpace;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.text.IrParser;
import dev.jnas.mutators.Mutator;
import dev.jnas.mutators.Mutators;
import dev.jnas.nn.NasModule;
import dev.jnas.nn.Tracer;
import dev.jnas.runtime.ClassificationEvaluator;
import dev.jnas.runtime.Evaluator;
import dev.jnas.runtime.Hyperparameter;
import dev.jnas.worker.TrialClasses;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A multi-trial architecture search, as users start one: the space, the evaluator, custom
 * mutators if any, and the strategy, run under a config. It sets an experiment up (checks, traces
 * the space, takes the experiment's lock, serves the web UI, creates or reopens the store), hands
 * the trial loop to a {@link TrialScheduler} over a training service, and records how it ended,
 * however it ended.
 */
public final class NasExperiment {
  /** How long a shutdown (Ctrl-C, SIGTERM) waits for the experiment to record that it stopped. */
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

  private final Supplier<? extends NasModule> constructor;
  private final NasModule space;
  private final Evaluator evaluator;
  /** The custom mutators, then one per evaluator hyperparameter. */
  private final List<Mutator> mutators;
  private final int searchedSettings;
  private final Strategy strategy;
  private PrintStream progress = System.out;
  private String host = "127.0.0.1";
  private ExperimentConfig config;
  private int port;
  private Path directory;
  private Graph traced;
  private SearchSpace searchSpace;
  private ExperimentStore store;
  private ExperimentLock lock;
  private volatile WebUi ui;
  private volatile TrialScheduler scheduler;
  private String stopReason = "not started";
  /** A stop asked before the scheduler exists (a signal during set-up). */
  private volatile String earlyStop;
  /** Counted down when the experiment has recorded how it ended, for the shutdown hook to wait on. */
  private final CountDownLatch ended = new CountDownLatch(1);

  /** A search over {@code space}; the PURE engine makes new instances with its no-arg constructor. */
  public NasExperiment(NasModule space, Evaluator evaluator, Strategy strategy) {
    this(space, evaluator, List.of(), strategy);
  }

  /** A search over the space {@code constructor} builds. */
  public NasExperiment(Supplier<? extends NasModule> constructor, Evaluator evaluator, Strategy strategy) {
    this(constructor, evaluator, List.of(), strategy);
  }

  /**
   * A search over {@code space} widened by custom {@code mutators}, as NNI's
   * {@code RetiariiExperiment(base_model, evaluator, applied_mutators, strategy)}: their choices join
   * the space after the model's (labels must differ from the model's and from each other's), every
   * sample decides them, and they fill the space's {@link dev.jnas.nn.Placeholder}s. Both engines
   * apply them in this JVM before generating code (BASE to the traced space, then the built-in
   * mutators; PURE to the fixed architecture's trace), so they never travel to a trial.
   */
  public NasExperiment(NasModule space, Evaluator evaluator, List<? extends Mutator> mutators, Strategy strategy) {
    this(space, noArgConstructor(space), evaluator, mutators, strategy);
  }

  /** A search over the space {@code constructor} builds, widened by custom {@code mutators}. */
  public NasExperiment(Supplier<? extends NasModule> constructor, Evaluator evaluator, List<? extends Mutator> mutators, Strategy strategy) {
    this(constructor.get(), constructor, evaluator, mutators, strategy);
  }

  private NasExperiment(NasModule space, Supplier<? extends NasModule> constructor, Evaluator evaluator, List<? extends Mutator> mutators,
      Strategy strategy) {
    if (space == null || evaluator == null || strategy == null || mutators == null
        || mutators.stream().anyMatch(java.util.Objects::isNull)) {
      throw new IllegalArgumentException(
          "a NasExperiment needs a space, an evaluator, a strategy and a list of custom mutators (maybe empty)");
    }
    this.space = space;
    this.constructor = constructor;
    this.evaluator = evaluator;
    // The evaluator's hyperparameters join the space as choices after the custom mutators' own.
    this.searchedSettings = evaluator.hyperparameters().size();
    List<Mutator> all = new ArrayList<>(mutators);
    all.addAll(HyperparameterMutator.of(evaluator.hyperparameters()));
    this.mutators = List.copyOf(all);
    this.strategy = strategy;
  }

  /** The address the web UI binds to: 127.0.0.1 (this machine only) unless set otherwise. */
  public NasExperiment host(String host) {
    this.host = host;
    return this;
  }

  /** Where progress lines go (standard output by default). */
  public NasExperiment progress(PrintStream out) {
    this.progress = out;
    return this;
  }

  /** Asks the experiment to stop: running trials are cancelled and the experiment recorded as STOPPED. */
  public void stop() {
    requestStop("stopped by the user");
  }

  private void requestStop(String why) {
    TrialScheduler s = scheduler;
    if (s != null) {
      s.requestStop(why);
    } else if (earlyStop == null) {
      earlyStop = why;
    }
  }

  /** Asks the experiment to stop one running trial; whether it was running. */
  public boolean stopTrial(int id) {
    return scheduler != null && scheduler.stopTrial(id);
  }

  /** Serves the web UI of the experiment recorded in {@code dir}, read-only; close it to stop serving. */
  public static WebUi serve(Path dir, String host, int port) {
    ExperimentStore.open(dir).close();
    return WebUi.start(dir, host, port, null);
  }

  /** Reads the experiment recorded in {@code dir}, finished or not, without running anything. */
  public static ExperimentView view(Path dir) {
    return ExperimentView.read(dir);
  }

  /** Runs the experiment to its end without a web UI, as {@code run(config, 0)}. */
  public void run(ExperimentConfig config) {
    run(config, 0);
  }

  /**
   * Runs the experiment to its end, serving the web UI on {@code port} (0: none), which keeps
   * serving after the run until {@link #closeWebUi} or the end of the process. Everything is
   * recorded as it happens in the experiment directory's store. Started by {@code jnas resume},
   * it continues the recorded experiment instead.
   */
  public void run(ExperimentConfig config, int port) {
    var launch = Launch.current();
    if (launch.isPresent() && launch.get().resume() != null) {
      resume(launch.get().resume(), port);
      return;
    }
    begin(launch.map(l -> l.overrides().apply(config)).orElse(config), port);
    Path dir = this.config.experimentDir() != null ? this.config.experimentDir() : defaultDirectory(this.config.experimentName());
    if (Files.exists(dir.resolve(ExperimentStore.FILE)) && !ExperimentStore.isIncomplete(dir)) {
      throw new IllegalStateException(dir + " already holds an experiment; resume it or choose another experimentDir");
    }
    // Everything that can fail (config, space, evaluator, lock, port) fails before the store
    // exists, so a failed start never leaves an experiment that looks as if it ran.
    prepareSpace();
    byte[] travelling = travellingEvaluator();
    boolean newDirectory = !Files.exists(dir);
    lock = ExperimentLock.acquire(dir);
    directory = dir;
    try {
      StopRequest.clear(dir);
      startUi();
      store = ExperimentStore.create(directory, this.config.toJson(), traced.toString(), searchSpace.toString());
    } catch (RuntimeException e) {
      closeUi();
      lock.close();
      if (newDirectory) {
        deleteLeftovers(dir);
      }
      throw e;
    }
    store.put(RecordedChoices.KEY, RecordedChoices.write(Mutators.customChoices(traced, mutators)));
    store.put(ExperimentView.HYPERPARAMETERS, hyperparameterLabels());
    store.put(ExperimentView.STRATEGY, strategy.getClass().getSimpleName());
    store.event("started", "experiment " + this.config.experimentName() + ": " + firstLine(searchSpace));
    launch.filter(l -> l.command() != null).ifPresent(l -> {
      store.put("command", l.command());
      if (l.signature() != null) {
        store.put("command_signature", l.signature());
      }
    });
    execute(travelling, null, Duration.ZERO);
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
    byte[] travelling;
    try {
      begin(opened.config().experimentDir(dir), port);
      directory = dir;
      String storedSpace = opened.get("space").orElse("");
      String storedName = IrParser.parse(storedSpace).name();
      if (!storedName.equals(space.getClass().getSimpleName())) {
        throw new IllegalStateException("the space " + space.getClass().getSimpleName() + " is not the one the experiment in "
            + dir + " searched (" + storedName + "); resume it with the space it was started with");
      }
      prepareSpace();
      if (!traced.toString().equals(storedSpace)) {
        throw new IllegalStateException("the space " + traced.name() + " is not the one the experiment in " + dir
            + " searched: its choices or layers changed since; resume it with the space it was started with");
      }
      List<Choice> recorded = RecordedChoices.read(opened.get(RecordedChoices.KEY).orElse(RecordedChoices.NONE));
      List<Choice> now = Mutators.customChoices(traced, mutators);
      if (!recorded.equals(now)) {
        throw new IllegalStateException("the experiment in " + dir + " was started with custom mutators adding "
            + RecordedChoices.describe(recorded) + ", but this one's add " + RecordedChoices.describe(now)
            + "; resume it with the custom mutators it was started with");
      }
      travelling = travellingEvaluator();
      StopRequest.clear(dir);
      startUi();
    } catch (RuntimeException e) {
      closeUi();
      opened.close();
      lock.close();
      throw e;
    }
    store = opened;
    store.latestStrategyState().ifPresent(strategy::restore);
    execute(travelling, store.trials(), Duration.ofMillis(Long.parseLong(store.get("elapsed_ms").orElse("0"))));
  }

  private void begin(ExperimentConfig config, int port) {
    if (this.config != null) {
      throw new IllegalStateException("this experiment has run already; make a new NasExperiment");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("invalid web UI port " + port + "; use 0 for none or 1-65535");
    }
    if (config.inputShapes().isEmpty() && evaluator.inputShapes().isPresent()) {
      // The data knows its shapes: recorded in (a copy of) the config, so a resume traces the same space.
      config = ExperimentConfig.fromJson(config.toJson())
          .inputShapes(evaluator.inputShapes().get().stream().map(s -> s.getShape()).toList());
    }
    boolean lowerIsBetter = evaluator.lowerIsBetter().orElse(config.optimizeMode() == OptimizeMode.MINIMIZE);
    if (lowerIsBetter != (config.optimizeMode() == OptimizeMode.MINIMIZE) && config.metricKey().equals("default")) {
      throw new IllegalArgumentException("the evaluator's \"default\" metric is better " + (lowerIsBetter ? "lower" : "higher")
          + " but the experiment would " + config.optimizeMode() + " it; set optimizeMode(OptimizeMode."
          + (lowerIsBetter ? "MINIMIZE" : "MAXIMIZE") + ")");
    }
    config.validate(Engine.getInstance().getGpuCount());
    this.config = config;
    this.port = port;
  }

  private void prepareSpace() {
    if (searchedSettings > 0 && config.executionEngine() == ExecutionEngine.BENCHMARK) {
      throw new IllegalArgumentException("the evaluator searches hyperparameters " + evaluator.hyperparameters().stream()
          .map(h -> "'" + h.label() + "'").toList() + ", which the BENCHMARK engine's table has no results for; use BASE or PURE");
    }
    if (mutators.size() > searchedSettings && config.executionEngine() == ExecutionEngine.BENCHMARK) {
      throw new IllegalArgumentException("custom mutators need the BASE or PURE engine, which build each architecture;"
          + " the BENCHMARK engine only looks samples up");
    }
    traced = Tracer.trace(space, inputs().toArray(TensorShape[]::new)).graph();
    if (strategy instanceof OneShotStrategy<?> oneShot) {
      checkOneShot(oneShot);
    }
    TracedArchitectures architectures = new TracedArchitectures(traced, mutators);
    strategy.start(architectures, config.seed());
    searchSpace = architectures.searchSpace();
  }

  /**
   * What a one-shot strategy needs, checked before anything runs: a supernet of the space (its
   * lowering fails naming the choice it cannot mix), the model's own choices only, and a
   * classification evaluator ranking by accuracy.
   */
  private void checkOneShot(OneShotStrategy<?> oneShot) {
    String name = oneShot.getClass().getSimpleName();
    if (config.executionEngine() == ExecutionEngine.BENCHMARK) {
      throw new IllegalArgumentException(name + " trains a supernet, which the BENCHMARK engine's table cannot; use BASE or PURE");
    }
    if (searchedSettings > 0) {
      throw new IllegalArgumentException(name + " searches the model's choices only, not the evaluator's hyperparameters "
          + evaluator.hyperparameters().stream().map(h -> "'" + h.label() + "'").toList() + "; fix them, or use a multi-trial strategy");
    }
    if (!mutators.isEmpty()) {
      throw new IllegalArgumentException(name + " searches the model's choices only; custom mutators need a multi-trial strategy");
    }
    if (!(evaluator instanceof ClassificationEvaluator)) {
      throw new IllegalArgumentException(name + " trains the supernet with the evaluator's data and scores paths by accuracy,"
          + " so it needs a ClassificationEvaluator, not " + evaluator.getClass().getSimpleName());
    }
    if (!config.metricKey().equals("default") && !config.metricKey().equals("accuracy")) {
      throw new IllegalArgumentException(name + " ranks by accuracy; the experiment's metricKey is '" + config.metricKey() + "'");
    }
    if (config.optimizeMode() == OptimizeMode.MINIMIZE || !config.metricLimits().isEmpty()) {
      throw new IllegalArgumentException(name + " maximises accuracy without metric limits; drop "
          + (config.optimizeMode() == OptimizeMode.MINIMIZE ? "optimizeMode MINIMIZE" : "the metric limits"));
    }
    SupernetGenerator.check(traced);
  }

  /** The evaluator as bytes when trials leave this JVM: one that cannot travel fails here, before anything starts. */
  private byte[] travellingEvaluator() {
    return config.trainingService() == TrainingServiceKind.IN_PROCESS ? new byte[0] : TrialClasses.serialize(evaluator);
  }

  /** Runs the scheduler over a training service, and records how the experiment ended, however it ended. */
  private void execute(byte[] travelling, List<ExperimentStore.StoredTrial> recorded, Duration spent) {
    Thread shutdownHook = new Thread(() -> {
      requestStop("stopped because the process was asked to end (Ctrl-C or SIGTERM)");
      try {
        ended.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "jnas-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    ExperimentStore.Status status = ExperimentStore.Status.STOPPED;
    stopReason = "the engine failed";
    TrialPreparer preparer = new TrialPreparer(traced, constructor, inputs(), config.executionEngine(), mutators);
    try (TrainingService service = service()) {
      scheduler = new TrialScheduler(config, strategy, store, service, preparer, directory, travelling, progress);
      if (recorded != null) {
        int told = scheduler.restore(recorded);
        store.put("status", ExperimentStore.Status.RUNNING.name());
        store.event("resumed", scheduler.kept() + " trials kept, " + scheduler.toRunAgain() + " to run again, "
            + (told == 0 ? "" : told + " results told to the strategy again, ") + TrialScheduler.format(spent) + " already spent");
        progress.printf("jnas: resuming %s: %d trials kept, %d to run again%n", directory, scheduler.kept(), scheduler.toRunAgain());
      }
      if (earlyStop != null) {
        scheduler.requestStop(earlyStop);
      }
      printHeader();
      TrialScheduler.Ending ending = scheduler.run(spent);
      status = ending.status();
      stopReason = ending.reason();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopReason = "interrupted";
    } catch (RuntimeException | Error e) {
      stopReason = "the engine failed: " + e;
      throw e;
    } finally {
      preparer.close();
      try {
        store.put("status", status.name());
        store.put("stop_reason", stopReason);
        store.event("stopped", stopReason);
      } finally {
        store.close();
        // The web UI outlives the run, read from the store like any recorded experiment, so a short
        // run can still be looked at; closeWebUi() or the end of the process stops it.
        lock.close();
        ended.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
          // The hook is running: it waits for `ended`, counted down above.
        }
      }
    }
  }

  private String hyperparameterLabels() {
    try {
      return new ObjectMapper().writeValueAsString(evaluator.hyperparameters().stream().map(Hyperparameter::label).toList());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The traced input shapes: the config's, each with the batch in front. */
  private List<TensorShape> inputs() {
    return config.inputShapes().stream().map(TensorShape::batchOf).toList();
  }

  private TrainingService service() {
    if (config.trainingService() == TrainingServiceKind.IN_PROCESS) {
      return new InProcessService(evaluator, config.trialConcurrency());
    }
    if (config.trainingService() == TrainingServiceKind.SLURM) {
      List<String> jvm = new ArrayList<>();
      if (config.trialHeap() != null) {
        jvm.add("-Xmx" + config.trialHeap());
      }
      jvm.addAll(WorkerJvm.options(config.workerJvmOptions()));
      return new SlurmService(config.slurm(), new SlurmService.Job(store.get("id").orElseThrow(), directory,
          config.trialGpuNumber(), config.maxTrialDuration(), jvm, store.get("service_state").orElse(null)));
    }
    int cores = Runtime.getRuntime().availableProcessors();
    return new LocalWorkerService(new WorkerSettings(config.trialConcurrency(), config.threadsPerTrial(cores), config.trialHeap(),
        config.workerRecycleTrials(), config.workerMaxRssMb(), WorkerJvm.java(), WorkerJvm.classPath(),
        WorkerJvm.options(config.workerJvmOptions()), directory.resolve("workers")));
  }

  private void printHeader() {
    progress.printf("jnas: experiment %s in %s%n  space %s: %s%n  %d trials at most, %d at a time, %s engine, %s%n",
        config.experimentName(), directory, traced.name(), firstLine(searchSpace), config.maxTrialNumber(),
        config.trialConcurrency(), config.executionEngine(), switch (config.trainingService()) {
          case LOCAL -> "worker JVMs with " + config.threadsPerTrial(Runtime.getRuntime().availableProcessors()) + " threads each";
          case IN_PROCESS -> "trials in this JVM";
          case SLURM -> "Slurm jobs with " + config.slurm().cpusPerTrial() + " cpus and " + config.trialGpuNumber() + " GPUs each";
        });
    if (ui != null) {
      progress.printf("  web UI: %s (to stop from the UI, give the token %s)%n", ui.uri(), ui.token());
    }
  }

  private void startUi() {
    if (port == 0) {
      return;
    }
    ui = WebUi.start(directory, host, port, new WebUi.Controls() {
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

  /** Where the web UI serves this experiment, while it does: from the start of a run with a port until {@link #closeWebUi}. */
  public Optional<URI> webUi() {
    WebUi serving = ui;
    return serving == null ? Optional.empty() : Optional.of(serving.uri());
  }

  /** Stops serving the web UI, which otherwise keeps serving after the run ends, until the process does. */
  public void closeWebUi() {
    closeUi();
  }

  private synchronized void closeUi() {
    if (ui != null) {
      ui.close();
      ui = null;
    }
  }

  /** Every trial so far, in submission order. */
  public List<Trial> trials() {
    return scheduler == null ? List.of() : scheduler.trials();
  }

  /** Why the experiment stopped. */
  public String stopReason() {
    return stopReason;
  }

  /** The directory the experiment records into; null until it has started. */
  public Path experimentDir() {
    return directory;
  }

  /**
   * The {@code k} best successful trials by final metric (under optimizeMode): their samples
   * (DICT), their generated sources (CODE, also written to {@code <experimentDir>/export/} with
   * trained parameters when kept), or their trained ONNX files (ONNX); what is copied is verified.
   */
  public List<Object> exportTopModels(int k, Formatter formatter) {
    if (config == null) {
      throw new IllegalStateException("run the experiment before exporting its top models");
    }
    List<Object> out = new ArrayList<>();
    for (Trial t : TrialScheduler.bestFirst(trials(), config.optimizeMode()).limit(k).toList()) {
      if (formatter == Formatter.DICT) {
        out.add(t.sample().decisions());
        continue;
      }
      var block = BlockGenerator.generate(Mutators.freeze(traced, t.sample(), mutators), traced.name(), t.sample());
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

  private static Supplier<? extends NasModule> noArgConstructor(NasModule space) {
    return () -> {
      try {
        Constructor<? extends NasModule> c = space.getClass().getDeclaredConstructor();
        c.setAccessible(true);
        return c.newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("the PURE engine makes a new " + space.getClass().getSimpleName()
            + " per trial but it has no usable no-arg constructor; pass a Supplier to NasExperiment instead", e);
      }
    };
  }
}
