package dev.jnas.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How an experiment runs, as NNI's experiment config; fluent setters, checked by {@link #validate(int)}
 * before anything starts. {@code inputShape} is one example's shape, such as (1, 28, 28) for MNIST.
 */
public final class ExperimentConfig {
  private String experimentName = "jnas";
  private int maxTrialNumber = 10;
  private int trialConcurrency = 1;
  private Duration maxExperimentDuration;
  private Duration maxTrialDuration;
  private int trialGpuNumber;
  private boolean useActiveGpu;
  private ExecutionEngine executionEngine = ExecutionEngine.BASE;
  private OptimizeMode optimizeMode = OptimizeMode.MAXIMIZE;
  private long seed = 42;
  private Path experimentDir;
  private List<long[]> inputShapes;
  private String metricKey = "default";
  private List<MetricLimit> metricLimits = List.of();
  private MedianStop medianStop;
  private TrainingServiceKind trainingService = TrainingServiceKind.LOCAL;
  private int trialThreads;
  private String trialHeap;
  private int workerRecycleTrials = 50;
  private long workerMaxRssMb = 4096;
  private List<String> workerJvmOptions = List.of();
  private SlurmSettings slurm = new SlurmSettings();

  private ExperimentConfig() {}

  /** A config for trials run on this machine (in worker JVMs, unless {@link #trainingService} says otherwise). */
  public static ExperimentConfig local() {
    return new ExperimentConfig();
  }

  /** Names the experiment (default {@code "jnas"}); {@link #validate(int)} rejects a blank name. */
  public ExperimentConfig experimentName(String name) {
    this.experimentName = name;
    return this;
  }

  /** The most trials to run (default 10); {@link #validate(int)} rejects fewer than 1. */
  public ExperimentConfig maxTrialNumber(int n) {
    this.maxTrialNumber = n;
    return this;
  }

  /** How many trials run at once (default 1); {@link #validate(int)} rejects fewer than 1. */
  public ExperimentConfig trialConcurrency(int n) {
    this.trialConcurrency = n;
    return this;
  }

  /** Ends the experiment, cancelling running trials, once it has run this long; null (the default) for no limit. */
  public ExperimentConfig maxExperimentDuration(Duration d) {
    this.maxExperimentDuration = d;
    return this;
  }

  /** Stops any trial that runs longer than this; null (the default) for no limit. */
  public ExperimentConfig maxTrialDuration(Duration d) {
    this.maxTrialDuration = d;
    return this;
  }

  /** GPUs per trial: Slurm jobs ask for them ({@code --gres=gpu:N}); a local service checks this machine has them. */
  public ExperimentConfig trialGpuNumber(int n) {
    this.trialGpuNumber = n;
    return this;
  }

  /** NNI's setting, kept in the recorded config; it has no effect yet: jnas does not place trials on busy GPUs itself. */
  public ExperimentConfig useActiveGpu(boolean use) {
    this.useActiveGpu = use;
    return this;
  }

  /** How a trial's architecture is made from its sample (default {@link ExecutionEngine#BASE}). */
  public ExperimentConfig executionEngine(ExecutionEngine engine) {
    this.executionEngine = engine;
    return this;
  }

  /** Whether a higher or a lower metric is better (default {@link OptimizeMode#MAXIMIZE}). */
  public ExperimentConfig optimizeMode(OptimizeMode mode) {
    this.optimizeMode = mode;
    return this;
  }

  /** The experiment's random seed (default 42), from which the strategy's and each trial's seeds come. */
  public ExperimentConfig seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** Where the experiment keeps its files (default {@code ~/jnas-experiments/<name>-<time>}). */
  public ExperimentConfig experimentDir(Path dir) {
    this.experimentDir = dir;
    return this;
  }

  /**
   * The shape of one input example, without the batch: (1, 28, 28) for MNIST. Optional when the
   * evaluator knows its data (the built-in evaluators read it from the first training example).
   */
  public ExperimentConfig inputShape(long... dims) {
    this.inputShapes = List.of(dims.clone());
    return this;
  }

  /** The shape of each input of a model whose forward takes several, one example each, in order. */
  public ExperimentConfig inputShapes(List<long[]> shapes) {
    this.inputShapes = shapes.stream().map(long[]::clone).toList();
    return this;
  }

  /**
   * The metric that ranks trials, picks the best and is told to the strategy: a key of the metric
   * maps trials report ({@code "default"}, also what a plain number reports, unless set).
   */
  public ExperimentConfig metricKey(String key) {
    this.metricKey = key;
    return this;
  }

  /**
   * Limits on other metrics, such as {@code MetricLimit.atMost("latency", 20)}: a trial that breaks
   * one succeeds, keeps its metrics, and is marked INFEASIBLE; it never ranks, and the strategy
   * hears it as a failure. An objective under constraints: maximize accuracy with latency at most x.
   */
  public ExperimentConfig metricLimits(MetricLimit... limits) {
    this.metricLimits = List.of(limits);
    return this;
  }

  /**
   * Stops trials early by the median rule (NNI's Medianstop assessor, Optuna's MedianPruner), or
   * null (the default) for none.
   */
  public ExperimentConfig medianStop(MedianStop rule) {
    this.medianStop = rule;
    return this;
  }

  /** Where trials run: worker JVMs on this machine (LOCAL, the default) or threads of this JVM (IN_PROCESS). */
  public ExperimentConfig trainingService(TrainingServiceKind kind) {
    this.trainingService = kind;
    return this;
  }

  /**
   * PyTorch intra-op threads per trial; 0 (the default) gives each trial
   * {@code max(1, cores / trialConcurrency)}, so concurrent trials never oversubscribe the CPU.
   */
  public ExperimentConfig trialThreads(int threads) {
    this.trialThreads = threads;
    return this;
  }

  /** Each worker JVM's heap limit ({@code -Xmx}), such as "2g"; null (the default) leaves the JVM's own. */
  public ExperimentConfig trialHeap(String heap) {
    this.trialHeap = heap;
    return this;
  }

  /** A worker JVM is replaced after this many trials (default 50), bounding what any evaluator leaks. */
  public ExperimentConfig workerRecycleTrials(int trials) {
    this.workerRecycleTrials = trials;
    return this;
  }

  /** A worker JVM whose resident memory exceeds this many MB after a trial is replaced (default 4096). */
  public ExperimentConfig workerMaxRssMb(long mb) {
    this.workerMaxRssMb = mb;
    return this;
  }

  /** How trials go to Slurm, for {@code trainingService(SLURM)}. */
  public ExperimentConfig slurm(SlurmSettings settings) {
    this.slurm = settings;
    return this;
  }

  /** Further options for each worker JVM's command line, such as {@code -XX:+UseG1GC} or {@code -Dmy.flag=1}. */
  public ExperimentConfig workerJvmOptions(String... options) {
    this.workerJvmOptions = List.of(options);
    return this;
  }

  /** Fails with one clear message naming the setting at fault; {@code gpus} is how many this machine has. */
  public void validate(int gpus) {
    require(experimentName != null && !experimentName.isBlank(), "experimentName must not be blank");
    require(maxTrialNumber >= 1, "maxTrialNumber must be at least 1, got " + maxTrialNumber);
    require(trialConcurrency >= 1, "trialConcurrency must be at least 1, got " + trialConcurrency);
    require(maxExperimentDuration == null || !maxExperimentDuration.isNegative() && !maxExperimentDuration.isZero(),
        "maxExperimentDuration must be positive, got " + maxExperimentDuration);
    require(maxTrialDuration == null || !maxTrialDuration.isNegative() && !maxTrialDuration.isZero(),
        "maxTrialDuration must be positive, got " + maxTrialDuration);
    require(trialGpuNumber >= 0, "trialGpuNumber must not be negative, got " + trialGpuNumber);
    // Slurm's nodes have their own GPUs; only a local service is held to this machine's.
    require(trialGpuNumber <= gpus || trainingService == TrainingServiceKind.SLURM, "trialGpuNumber is " + trialGpuNumber
        + " but this machine has " + gpus + " GPU" + (gpus == 1 ? "" : "s") + " visible to DJL's PyTorch engine");
    require(executionEngine != null, "executionEngine must be PURE or BASE");
    require(optimizeMode != null, "optimizeMode must be MAXIMIZE or MINIMIZE");
    require(inputShapes != null && !inputShapes.isEmpty()
        && inputShapes.stream().allMatch(s -> s.length > 0 && Arrays.stream(s).allMatch(d -> d > 0)),
        "inputShape must give the positive dimensions of one example, such as inputShape(1, 28, 28) for MNIST"
            + " (or use an evaluator that knows its data)");
    require(metricKey != null && !metricKey.isBlank(), "metricKey must name a metric, such as \"default\"");
    require(metricLimits != null && metricLimits.stream().noneMatch(java.util.Objects::isNull), "metricLimits must not hold null");
    require(trainingService != null, "trainingService must be LOCAL, IN_PROCESS or SLURM");
    require(slurm != null, "slurm settings must not be null");
    if (trainingService == TrainingServiceKind.SLURM) {
      slurm.validate();
    }
    require(trialThreads >= 0, "trialThreads must be 0 (automatic) or more, got " + trialThreads);
    require(trialHeap == null || trialHeap.matches("\\d+[kKmMgG]?"), "trialHeap must be a size such as 512m or 2g, got " + trialHeap);
    require(workerRecycleTrials >= 1, "workerRecycleTrials must be at least 1, got " + workerRecycleTrials);
    require(workerMaxRssMb >= 64, "workerMaxRssMb must be at least 64, got " + workerMaxRssMb);
    require(workerJvmOptions.stream().allMatch(o -> o.startsWith("-")), "workerJvmOptions must be JVM options starting with -, got "
        + workerJvmOptions);
  }

  /** The config as JSON, as the experiment store records it. */
  public String toJson() {
    java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
    map.put("experimentName", experimentName);
    map.put("maxTrialNumber", maxTrialNumber);
    map.put("trialConcurrency", trialConcurrency);
    map.put("maxExperimentDurationMs", maxExperimentDuration == null ? null : maxExperimentDuration.toMillis());
    map.put("maxTrialDurationMs", maxTrialDuration == null ? null : maxTrialDuration.toMillis());
    map.put("trialGpuNumber", trialGpuNumber);
    map.put("useActiveGpu", useActiveGpu);
    map.put("executionEngine", executionEngine.name());
    map.put("optimizeMode", optimizeMode.name());
    map.put("seed", seed);
    map.put("experimentDir", experimentDir == null ? null : experimentDir.toString());
    map.put("inputShape", inputShapes == null ? null : inputShapes.get(0));
    map.put("inputShapes", inputShapes);
    map.put("metricKey", metricKey);
    map.put("metricLimits", metricLimits.stream().map(MetricLimit::toMap).toList());
    map.put("medianStop", medianStop == null ? null : medianStop.toMap());
    map.put("trainingService", trainingService.name());
    map.put("trialThreads", trialThreads);
    map.put("trialHeap", trialHeap);
    map.put("workerRecycleTrials", workerRecycleTrials);
    map.put("workerMaxRssMb", workerMaxRssMb);
    map.put("workerJvmOptions", workerJvmOptions);
    map.put("slurm", slurm.toMap());
    try {
      return JSON.writeValueAsString(map);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A config read back from {@link #toJson()}. */
  public static ExperimentConfig fromJson(String json) {
    try {
      com.fasterxml.jackson.databind.JsonNode n = JSON.readTree(json);
      ExperimentConfig c = local()
          .experimentName(n.get("experimentName").asText())
          .maxTrialNumber(n.get("maxTrialNumber").asInt())
          .trialConcurrency(n.get("trialConcurrency").asInt())
          .trialGpuNumber(n.get("trialGpuNumber").asInt())
          .useActiveGpu(n.get("useActiveGpu").asBoolean())
          .executionEngine(ExecutionEngine.valueOf(n.get("executionEngine").asText()))
          .optimizeMode(OptimizeMode.valueOf(n.get("optimizeMode").asText()))
          .seed(n.get("seed").asLong());
      if (!n.get("maxExperimentDurationMs").isNull()) {
        c.maxExperimentDuration(Duration.ofMillis(n.get("maxExperimentDurationMs").asLong()));
      }
      if (!n.get("maxTrialDurationMs").isNull()) {
        c.maxTrialDuration(Duration.ofMillis(n.get("maxTrialDurationMs").asLong()));
      }
      if (!n.get("experimentDir").isNull()) {
        c.experimentDir(Path.of(n.get("experimentDir").asText()));
      }
      // Settings added later are absent from older experiments' configs: they keep their defaults.
      if (n.hasNonNull("trainingService")) {
        c.trainingService(TrainingServiceKind.valueOf(n.get("trainingService").asText()));
      }
      if (n.has("trialThreads")) {
        c.trialThreads(n.get("trialThreads").asInt());
      }
      if (n.hasNonNull("trialHeap")) {
        c.trialHeap(n.get("trialHeap").asText());
      }
      if (n.has("workerRecycleTrials")) {
        c.workerRecycleTrials(n.get("workerRecycleTrials").asInt());
      }
      if (n.has("workerMaxRssMb")) {
        c.workerMaxRssMb(n.get("workerMaxRssMb").asLong());
      }
      if (n.has("workerJvmOptions")) {
        List<String> options = new java.util.ArrayList<>();
        n.get("workerJvmOptions").forEach(o -> options.add(o.asText()));
        c.workerJvmOptions(options.toArray(String[]::new));
      }
      if (n.has("slurm")) {
        c.slurm(SlurmSettings.fromJson(n.get("slurm")));
      }
      if (n.hasNonNull("metricKey")) {
        c.metricKey(n.get("metricKey").asText());
      }
      if (n.has("metricLimits")) {
        List<MetricLimit> limits = new java.util.ArrayList<>();
        n.get("metricLimits").forEach(l -> limits.add(MetricLimit.fromJson(l)));
        c.metricLimits(limits.toArray(MetricLimit[]::new));
      }
      if (n.hasNonNull("medianStop")) {
        c.medianStop(MedianStop.fromJson(n.get("medianStop")));
      }
      if (n.hasNonNull("inputShapes")) {
        List<long[]> shapes = new java.util.ArrayList<>();
        n.get("inputShapes").forEach(s -> shapes.add(longs(s)));
        return c.inputShapes(shapes);
      }
      return n.hasNonNull("inputShape") ? c.inputShape(longs(n.get("inputShape"))) : c;
    } catch (java.io.IOException | NullPointerException e) {
      throw new IllegalArgumentException("the stored experiment config is not readable: " + json, e);
    }
  }

  private static long[] longs(com.fasterxml.jackson.databind.JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asLong();
    }
    return out;
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("invalid experiment config: " + message);
    }
  }

  /** The experiment's name. */
  public String experimentName() {
    return experimentName;
  }

  /** The most trials to run. */
  public int maxTrialNumber() {
    return maxTrialNumber;
  }

  /** How many trials run at once. */
  public int trialConcurrency() {
    return trialConcurrency;
  }

  /** The experiment's time limit, or null for none. */
  public Duration maxExperimentDuration() {
    return maxExperimentDuration;
  }

  /** Each trial's time limit, or null for none. */
  public Duration maxTrialDuration() {
    return maxTrialDuration;
  }

  /** GPUs per trial. */
  public int trialGpuNumber() {
    return trialGpuNumber;
  }

  /** NNI's {@code useActiveGpu} setting, recorded but without effect. */
  public boolean useActiveGpu() {
    return useActiveGpu;
  }

  /** How a trial's architecture is made from its sample. */
  public ExecutionEngine executionEngine() {
    return executionEngine;
  }

  /** Whether a higher or a lower metric is better. */
  public OptimizeMode optimizeMode() {
    return optimizeMode;
  }

  /** The experiment's random seed. */
  public long seed() {
    return seed;
  }

  /** Where the experiment keeps its files, or null for the default location. */
  public Path experimentDir() {
    return experimentDir;
  }

  /** The first input's shape (the only one for most models), or null when none is set. */
  public long[] inputShape() {
    return inputShapes == null ? null : inputShapes.get(0).clone();
  }

  /** Every input's shape, or an empty list when none is set. */
  public List<long[]> inputShapes() {
    return inputShapes == null ? List.of() : inputShapes.stream().map(long[]::clone).toList();
  }

  /** The key of the metric that ranks trials. */
  public String metricKey() {
    return metricKey;
  }

  /** The limits on other metrics that make a trial infeasible. */
  public List<MetricLimit> metricLimits() {
    return metricLimits;
  }

  /** The median stopping rule, or null for none. */
  public MedianStop medianStop() {
    return medianStop;
  }

  /** Where trials run. */
  public TrainingServiceKind trainingService() {
    return trainingService;
  }

  /** The configured intra-op threads per trial, or 0 for automatic. */
  public int trialThreads() {
    return trialThreads;
  }

  /** The intra-op threads each trial gets on a machine with {@code cores} cores. */
  public int threadsPerTrial(int cores) {
    return trialThreads > 0 ? trialThreads : Math.max(1, cores / trialConcurrency);
  }

  /** Each worker JVM's heap limit, or null for the JVM's own. */
  public String trialHeap() {
    return trialHeap;
  }

  /** How many trials a worker JVM runs before it is replaced. */
  public int workerRecycleTrials() {
    return workerRecycleTrials;
  }

  /** The resident memory, in MB, past which a worker JVM is replaced. */
  public long workerMaxRssMb() {
    return workerMaxRssMb;
  }

  /** Extra JVM options for each worker JVM. */
  public List<String> workerJvmOptions() {
    return workerJvmOptions;
  }

  /** How trials go to Slurm. */
  public SlurmSettings slurm() {
    return slurm;
  }
}
