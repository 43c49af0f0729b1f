package dev.jnas.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How trials go to a Slurm cluster (with {@code trainingService(SLURM)}): where jobs run (partition,
 * account, qos, further sbatch options), what each gets (cpus, memory; GPUs come from the config's
 * trialGpuNumber, the time limit from its maxTrialDuration), how a job starts jnas on its node (the
 * java command, the class path), and whether the experiment's directory is shared with the nodes.
 * Fluent setters; {@link #validate} names the setting at fault.
 */
public final class SlurmSettings {
  private static final ObjectMapper JSON = new ObjectMapper();

  private String partition;
  private String account;
  private String qos;
  private List<String> sbatchOptions = List.of();
  private int cpusPerTrial = 1;
  private String memoryPerTrial;
  private String java;
  private String classPath;
  private boolean sharedFilesystem = true;
  private String channelHost;
  private Duration pollInterval = Duration.ofSeconds(2);
  private Map<String, String> environment = Map.of();

  public SlurmSettings partition(String partition) {
    this.partition = partition;
    return this;
  }

  public SlurmSettings account(String account) {
    this.account = account;
    return this;
  }

  public SlurmSettings qos(String qos) {
    this.qos = qos;
    return this;
  }

  /** Further {@code sbatch} options, each as {@code sbatch} takes it, such as {@code --constraint=a100}. */
  public SlurmSettings sbatchOptions(String... options) {
    this.sbatchOptions = List.of(options);
    return this;
  }

  /** {@code --cpus-per-task} of each trial's job (default 1); also its PyTorch threads. */
  public SlurmSettings cpusPerTrial(int cpus) {
    this.cpusPerTrial = cpus;
    return this;
  }

  /** {@code --mem} of each trial's job, such as "8G" (default: the partition's). */
  public SlurmSettings memoryPerTrial(String memory) {
    this.memoryPerTrial = memory;
    return this;
  }

  /** The java command on the nodes (default: this JVM's, which suits nodes sharing its installation). */
  public SlurmSettings java(String java) {
    this.java = java;
    return this;
  }

  /** The class path on the nodes (default: this JVM's; jnas, DJL and the user's classes must be there). */
  public SlurmSettings classPath(String classPath) {
    this.classPath = classPath;
    return this;
  }

  /**
   * Whether the nodes see the experiment's directory (default true): jobs write into their trial's
   * folder. Without it, a job's files travel inside its batch script, and its results, output and
   * trained model come back over the engine's channel.
   */
  public SlurmSettings sharedFilesystem(boolean shared) {
    this.sharedFilesystem = shared;
    return this;
  }

  /** The address jobs reach the engine's channel at (default: this machine's host name). */
  public SlurmSettings channelHost(String host) {
    this.channelHost = host;
    return this;
  }

  /** How often jobs' states are read with squeue and scontrol (default 2 s). */
  public SlurmSettings pollInterval(Duration interval) {
    this.pollInterval = interval;
    return this;
  }

  /** Environment for Slurm's commands, such as {@code SLURM_CONF} for a cluster other than the default. */
  public SlurmSettings environment(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
    return this;
  }

  /** Fails with one clear message naming the setting at fault. */
  public void validate() {
    require(cpusPerTrial >= 1, "cpusPerTrial must be at least 1, got " + cpusPerTrial);
    require(memoryPerTrial == null || memoryPerTrial.matches("\\d+[KMGTkmgt]?"), "memoryPerTrial must be a size such as 8G, got "
        + memoryPerTrial);
    require(pollInterval != null && !pollInterval.isNegative() && !pollInterval.isZero(), "pollInterval must be positive");
    require(sbatchOptions.stream().allMatch(o -> o.startsWith("-")), "sbatchOptions must be sbatch options starting with -, got "
        + sbatchOptions);
    for (String[] name : new String[][] {{"partition", partition}, {"account", account}, {"qos", qos}}) {
      require(name[1] == null || name[1].matches("[A-Za-z0-9_.,-]+"), name[0] + " must be a Slurm name, got '" + name[1] + "'");
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("invalid Slurm settings: " + message);
    }
  }

  Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("partition", partition);
    map.put("account", account);
    map.put("qos", qos);
    map.put("sbatchOptions", sbatchOptions);
    map.put("cpusPerTrial", cpusPerTrial);
    map.put("memoryPerTrial", memoryPerTrial);
    map.put("java", java);
    map.put("classPath", classPath);
    map.put("sharedFilesystem", sharedFilesystem);
    map.put("channelHost", channelHost);
    map.put("pollIntervalMs", pollInterval.toMillis());
    map.put("environment", environment);
    return map;
  }

  static SlurmSettings fromJson(JsonNode n) {
    SlurmSettings s = new SlurmSettings().partition(text(n, "partition")).account(text(n, "account")).qos(text(n, "qos"))
        .cpusPerTrial(n.path("cpusPerTrial").asInt(1)).memoryPerTrial(text(n, "memoryPerTrial")).java(text(n, "java"))
        .classPath(text(n, "classPath")).sharedFilesystem(n.path("sharedFilesystem").asBoolean(true))
        .channelHost(text(n, "channelHost")).pollInterval(Duration.ofMillis(n.path("pollIntervalMs").asLong(2000)));
    List<String> options = new ArrayList<>();
    n.path("sbatchOptions").forEach(o -> options.add(o.asText()));
    Map<String, String> environment = new LinkedHashMap<>();
    n.path("environment").fields().forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
    return s.sbatchOptions(options.toArray(String[]::new)).environment(environment);
  }

  private static String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }

  public String partition() {
    return partition;
  }

  public String account() {
    return account;
  }

  public String qos() {
    return qos;
  }

  public List<String> sbatchOptions() {
    return sbatchOptions;
  }

  public int cpusPerTrial() {
    return cpusPerTrial;
  }

  public String memoryPerTrial() {
    return memoryPerTrial;
  }

  public String java() {
    return java;
  }

  public String classPath() {
    return classPath;
  }

  public boolean sharedFilesystem() {
    return sharedFilesystem;
  }

  public String channelHost() {
    return channelHost;
  }

  public Duration pollInterval() {
    return pollInterval;
  }

  public Map<String, String> environment() {
    return environment;
  }

  @Override
  public String toString() {
    try {
      return JSON.writeValueAsString(toMap());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
