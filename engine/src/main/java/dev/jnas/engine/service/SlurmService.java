package dev.jnas.engine.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnas.engine.SlurmSettings;
import dev.jnas.worker.TrialRunner;
import dev.jnas.worker.TrialSpec;
import dev.jnas.worker.Wire;
import dev.jnas.worker.WorkerMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trials as Slurm jobs, one job per trial, through Slurm's own commands. A job's worker runs its
 * trial and reports over the engine's channel, live; job states come from squeue (a pending job's
 * reason shows as the trial's), and a job that ends without its trial's end becomes a failure with
 * Slurm's reason (TIMEOUT, OUT_OF_MEMORY, NODE_FAIL...). Jobs are named after the experiment and the
 * trial, and the channel keeps its port and token across engine restarts, so a restarted engine
 * re-attaches to its pending and running jobs and they report to it.
 */
public final class SlurmService implements TrainingService {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What a job needs beyond the user's {@link SlurmSettings}.
   *
   * @param experimentId the experiment's id, in its jobs' names
   * @param experimentDir the experiment's directory
   * @param gpus GPUs per trial
   * @param timeLimit the trial's time limit, or null
   * @param jvmOptions further options of each trial's JVM (heap, the user's, DJL's)
   * @param previousState the channel the experiment's jobs know, from before a restart, or null
   */
  public record Job(String experimentId, Path experimentDir, int gpus, Duration timeLimit, List<String> jvmOptions,
      String previousState) {}

  /** What the service knows of one trial's job. */
  private static final class Tracked {
    final int trial;
    final String jobId;
    final Path trialDir;
    String waiting;
    volatile boolean cancelled;
    volatile boolean ended;

    Tracked(int trial, String jobId, Path trialDir) {
      this.trial = trial;
      this.jobId = jobId;
      this.trialDir = trialDir;
    }
  }

  private final SlurmSettings settings;
  private final Job job;
  private final SlurmCommands slurm;
  /** The class path and java command on the nodes, and the address they reach the engine at, resolved once. */
  private final String classPath;
  private final String java;
  private final String channelHost;
  private final Map<Integer, Tracked> tracked = new LinkedHashMap<>();
  private ChannelServer channel;
  private TrialListener listener;
  private volatile boolean closed;

  public SlurmService(SlurmSettings settings, Job job) {
    this.settings = settings;
    this.job = job;
    this.slurm = new SlurmCommands(settings.environment());
    this.classPath = settings.classPath() != null ? settings.classPath() : WorkerJvm.classPath();
    this.java = settings.java() != null ? settings.java() : WorkerJvm.java().toString();
    this.channelHost = settings.channelHost() != null ? settings.channelHost() : localHostName();
  }

  @Override
  public void start(TrialListener listener) {
    this.listener = listener;
    int port = 0;
    String token = null;
    if (job.previousState() != null) {
      try {
        JsonNode state = JSON.readTree(job.previousState());
        port = state.get("port").asInt();
        token = state.get("token").asText();
      } catch (IOException | NullPointerException e) {
        // An unreadable state: a fresh channel; jobs from before cannot report, and run again.
      }
    }
    try {
      channel = new ChannelServer(InetAddress.getByName("0.0.0.0"), port, token, this::open);
    } catch (UncheckedIOException | IOException e) {
      // The old port is taken: jobs that outlived the engine cannot find this one, and fail as silent.
      try {
        channel = new ChannelServer(InetAddress.getByName("0.0.0.0"), 0, token, this::open);
      } catch (IOException unknownHost) {
        throw new UncheckedIOException(unknownHost);
      }
    }
    Thread poller = new Thread(this::poll, "jnas-slurm-poller");
    poller.setDaemon(true);
    poller.start();
  }

  @Override
  public String state() {
    return "{\"port\":" + channel.port() + ",\"token\":\"" + channel.token() + "\"}";
  }

  @Override
  public void submit(TrialSpec spec) {
    Path trialDir = Path.of(spec.outputDir());
    String name = jobName(spec.trialId());
    String jobId;
    try {
      Files.createDirectories(trialDir);
      byte[] specJson = Wire.specJson(spec);
      Path scripts = Files.createDirectories(job.experimentDir().resolve("slurm"));
      Path script = scripts.resolve(name + ".sh");
      boolean shared = settings.sharedFilesystem();
      String stdout = shared ? trialDir.resolve(TrialRunner.STDOUT).toString() : "/tmp/" + name + ".out";
      String stderr = shared ? trialDir.resolve(TrialRunner.STDERR).toString() : "/tmp/" + name + ".err";
      String specFile = null;
      if (shared) {
        Path file = trialDir.resolve("trial-spec.json");
        Files.write(file, specJson);
        specFile = file.toString();
      }
      String text = new SlurmBatchScript(name, settings.cpusPerTrial(), settings.memoryPerTrial(), job.gpus(), job.timeLimit(),
          settings.partition(), settings.account(), settings.qos(), settings.sbatchOptions(), stdout, stderr, channel.token(),
          classPath, java, job.jvmOptions(), channelHost,
          channel.port(), workerName(spec.trialId()), specFile, shared ? null : specJson).text();
      // The script holds the channel's token: readable by its owner alone.
      Files.deleteIfExists(script);
      Files.createFile(script, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Files.writeString(script, text);
      jobId = slurm.sbatch(script);
    } catch (IOException | RuntimeException e) {
      listener.ended(spec.trialId(), "its Slurm job could not be submitted: " + e.getMessage());
      return;
    }
    synchronized (this) {
      tracked.put(spec.trialId(), new Tracked(spec.trialId(), jobId, trialDir));
    }
    listener.waiting(spec.trialId(), "submitted as Slurm job " + jobId);
  }

  @Override
  public void cancel(int trial) {
    Tracked t;
    synchronized (this) {
      t = tracked.get(trial);
      if (t == null) {
        return;
      }
      t.cancelled = true;
    }
    slurm.scancel(t.jobId);
  }

  @Override
  public Set<Integer> reattach(Set<Integer> recorded) {
    Map<String, Integer> byName = new LinkedHashMap<>();
    recorded.forEach(id -> byName.put(jobName(id), id));
    Set<Integer> alive = new HashSet<>();
    for (SlurmCommands.Job j : slurm.byName(new ArrayList<>(byName.keySet()))) {
      Integer trial = byName.get(j.name());
      if (trial != null && !j.ended()) {
        synchronized (this) {
          tracked.put(trial, new Tracked(trial, j.id(), job.experimentDir().resolve("trials").resolve(Integer.toString(trial))));
        }
        alive.add(trial);
      }
    }
    return alive;
  }

  @Override
  public boolean enforcesTimeLimit() {
    return job.timeLimit() != null;
  }

  @Override
  public void close() {
    closed = true;
    List<Tracked> left;
    synchronized (this) {
      left = tracked.values().stream().filter(t -> !t.ended && !t.cancelled).toList();
    }
    // The experiment ended (normally, or stopped): nothing of it may run on.
    left.forEach(t -> slurm.scancel(t.jobId));
    if (channel != null) {
      channel.close();
    }
  }

  private String jobName(int trial) {
    return "jnas-" + job.experimentId() + "-" + trial;
  }

  private static String workerName(int trial) {
    return "job-" + trial;
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getCanonicalHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  // ---- job states ------------------------------------------------------------------------

  private void poll() {
    while (!closed) {
      try {
        Thread.sleep(settings.pollInterval().toMillis());
        pollOnce();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // squeue failed this time (the controller restarting, say): the next poll tries again.
      }
    }
  }

  private void pollOnce() {
    Map<String, Tracked> byJob = new LinkedHashMap<>();
    synchronized (this) {
      tracked.values().stream().filter(t -> !t.ended).forEach(t -> byJob.put(t.jobId, t));
    }
    if (byJob.isEmpty()) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (SlurmCommands.Job j : slurm.byId(new ArrayList<>(byJob.keySet()))) {
      Tracked t = byJob.get(j.id());
      if (t == null) {
        continue;
      }
      seen.add(j.id());
      if (j.state().equals("PENDING")) {
        String why = "Slurm job " + j.id() + " pending (" + j.reason() + ")";
        boolean changed;
        synchronized (this) {
          changed = !why.equals(t.waiting);
          t.waiting = why;
        }
        if (changed) {
          listener.waiting(t.trial, why);
        }
      } else if (j.ended()) {
        jobEnded(t, j.state(), j.reason());
      }
    }
    for (Tracked t : byJob.values()) {
      if (!seen.contains(t.jobId)) {
        jobEnded(t, slurm.details(t.jobId).getOrDefault("JobState", "UNKNOWN"), "no record left in Slurm");
      }
    }
  }

  /** A job Slurm is done with. Its trial's end came over the channel already, unless the job died first. */
  private void jobEnded(Tracked t, String state, String reason) {
    synchronized (this) {
      if (t.ended) {
        return;
      }
      t.ended = true;
      if (t.cancelled) {
        return;
      }
    }
    if (state.equals("CANCELLED")) {
      listener.cancelled(t.trial, "Slurm job " + t.jobId + " was cancelled outside jnas");
      return;
    }
    String exitCode = state.equals("FAILED") ? slurm.details(t.jobId).getOrDefault("ExitCode", "?") : null;
    listener.ended(t.trial, failure(t.jobId, state, reason, exitCode, job.timeLimit(), settings.memoryPerTrial()));
  }

  /** Why a trial failed whose job Slurm ended in {@code state} before the trial reported its end. */
  static String failure(String jobId, String state, String reason, String exitCode, Duration timeLimit, String memory) {
    String why = switch (state) {
      case "TIMEOUT" -> ": it ran past its time limit (" + (timeLimit == null ? "the partition's" : "maxTrialDuration " + timeLimit) + ")";
      case "OUT_OF_MEMORY" -> ": it ran out of memory (" + (memory == null ? "the partition's default" : "memoryPerTrial " + memory) + ")";
      case "NODE_FAIL" -> ": its node failed";
      case "COMPLETED" -> " without its trial reporting an end (see stderr.log)";
      case "FAILED" -> " with exit code " + exitCode + " (" + reason + "; see stderr.log)";
      default -> " (" + reason + ")";
    };
    return "Slurm job " + jobId + " ended " + state + why;
  }

  // ---- the channel -----------------------------------------------------------------------

  /** A job's worker said hello: the trial it runs gets its reports, and its end an acknowledgement. */
  private synchronized ChannelServer.Session open(WorkerMessage.Hello hello, Writer out) {
    if (!hello.worker().startsWith("job-")) {
      return null;
    }
    int trial;
    try {
      trial = Integer.parseInt(hello.worker().substring("job-".length()));
    } catch (NumberFormatException e) {
      return null;
    }
    Tracked t = tracked.get(trial);
    return m -> handle(trial, t, out, m);
  }

  private void handle(int trial, Tracked t, Writer out, WorkerMessage m) {
    if (t == null || t.cancelled) {
      // A job this engine does not want (cancelled, or from a run it forgot): let it end.
      if (m instanceof WorkerMessage.Ended) {
        ack(out, trial);
      }
      return;
    }
    if (m instanceof WorkerMessage.Started) {
      // A reconnected job replays from its start; the trial's record starts over with it.
      listener.started(trial, "Slurm job " + t.jobId);
    } else if (m instanceof WorkerMessage.Intermediate i) {
      listener.intermediate(trial, i.metrics());
    } else if (m instanceof WorkerMessage.Final f) {
      listener.finalResult(trial, f.metrics());
    } else if (m instanceof WorkerMessage.Progress p) {
      listener.progress(trial, p.done(), p.total());
    } else if (m instanceof WorkerMessage.File f) {
      keep(t, f);
    } else if (m instanceof WorkerMessage.Ended e) {
      boolean first;
      synchronized (this) {
        first = !t.ended;
        t.ended = true;
      }
      if (first) {
        listener.ended(trial, e.failure());
      }
      ack(out, trial);
    }
  }

  /** A file of the trial's folder that came over the channel (no shared filesystem), kept under its own name only. */
  private static void keep(Tracked t, WorkerMessage.File f) {
    String name = Path.of(f.name()).getFileName().toString();
    if (name.isEmpty() || name.startsWith(".")) {
      return;
    }
    try {
      Files.createDirectories(t.trialDir);
      Files.write(t.trialDir.resolve(name), f.content());
    } catch (IOException e) {
      // The trial's result is in the store; a file that cannot be kept is only a file.
    }
  }

  private static void ack(Writer out, int trial) {
    synchronized (out) {
      try {
        Wire.write(out, new WorkerMessage.Ack(trial));
      } catch (IOException e) {
        // The job reconnects and is acknowledged then.
      }
    }
  }
}
