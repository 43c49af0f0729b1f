package dev.jnas.engine.service;

import dev.jnas.worker.TrialRunner;
import dev.jnas.worker.TrialSpec;
import dev.jnas.worker.Worker;
import dev.jnas.worker.WorkerMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trials in worker JVMs on this machine, a pool of {@code workers} that the service starts, keeps
 * warm and replaces: a worker runs one trial at a time, and one that crashes, runs out of memory,
 * is cancelled (its process tree killed), or passes its trial count or memory bound is replaced.
 * Workers connect back to a loopback channel and prove themselves with a token; they halt when
 * the engine goes away, so none outlives it.
 */
public final class LocalWorkerService implements TrainingService {
  /** Workers that fail to start this many times in a row mean none will: queued trials fail with the reason. */
  private static final int START_ATTEMPTS = 3;
  /** The system property naming a worker JVM, first on its command line, so {@code ps} and tests can tell workers apart. */
  public static final String WORKER_PROPERTY = "jnas.worker";

  private final WorkerSettings settings;
  private final Map<String, WorkerProcess> workers = new LinkedHashMap<>();
  private final Deque<TrialSpec> queue = new ArrayDeque<>();
  private final Map<Integer, WorkerProcess> byTrial = new LinkedHashMap<>();
  private ChannelServer channel;
  private TrialListener listener;
  private int launched;
  private int failedStarts;
  private String cannotStart;
  private boolean closed;

  public LocalWorkerService(WorkerSettings settings) {
    this.settings = settings;
  }

  @Override
  public void start(TrialListener listener) {
    this.listener = listener;
    try {
      Files.createDirectories(settings.directory());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + settings.directory() + ": " + e.getMessage(), e);
    }
    channel = new ChannelServer(InetAddress.getLoopbackAddress(), 0, null, this::open);
    synchronized (this) {
      for (int i = 0; i < settings.workers(); i++) {
        launch();
      }
    }
  }

  @Override
  public synchronized void submit(TrialSpec spec) {
    if (cannotStart != null) {
      listener.ended(spec.trialId(), cannotStart);
      return;
    }
    queue.add(spec);
    listener.waiting(spec.trialId(), "waiting for a free worker");
    dispatch();
  }

  @Override
  public synchronized void cancel(int trial) {
    queue.removeIf(s -> s.trialId() == trial);
    WorkerProcess w = byTrial.remove(trial);
    if (w != null) {
      w.killed = true;
      w.trial = null;
      w.killTree();
    }
  }

  /**
   * A worker restarts in about this long (JVM, PyTorch's natives, the first trial's classes): a
   * trial stopped early whose next report is further away than this is cheaper to kill.
   */
  static final Duration RESTART_COST = Duration.ofSeconds(4);

  @Override
  public void stopEarly(int trial, Duration untilNextReport) {
    WorkerProcess w;
    synchronized (this) {
      w = byTrial.get(trial);
    }
    if (w == null || untilNextReport.compareTo(RESTART_COST) > 0) {
      cancel(trial);
      return;
    }
    try {
      w.send(new WorkerMessage.Stop(trial));
    } catch (IOException e) {
      cancel(trial);
      return;
    }
    // An evaluator that does not report again in time would hold its worker: then it is killed.
    StopFallback.arm(trial, untilNextReport, () -> {
      synchronized (this) {
        return byTrial.get(trial) == w;
      }
    }, () -> cancel(trial));
  }

  @Override
  public void close() {
    List<WorkerProcess> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(workers.values());
      queue.clear();
      byTrial.clear();
    }
    for (WorkerProcess w : all) {
      w.killed = true;
      w.killTree();
    }
    for (WorkerProcess w : all) {
      try {
        w.process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (channel != null) {
      channel.close();
    }
  }

  // ---- workers -----------------------------------------------------------------------------

  private void launch() {
    String name = "w" + (++launched);
    Path log = settings.directory().resolve(name + ".log");
    // The class path goes in CLASSPATH, not on the command line: it can be longer than a command
    // line may be, and `ps` stays readable, naming the worker first.
    List<String> command = new ArrayList<>(List.of(settings.java().toString(), "-D" + WORKER_PROPERTY + "=" + name,
        "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData",
        "-XX:ErrorFile=" + settings.directory().resolve("hs_err-" + name + "-%p.log"),
        "-Dai.djl.pytorch.num_threads=" + settings.threadsPerTrial(), "-Dai.djl.pytorch.num_interop_threads=1"));
    if (settings.heap() != null) {
      command.add("-Xmx" + settings.heap());
    }
    // When it was launched, by this clock: the worker logs how long it took to become ready.
    command.add("-D" + Worker.LAUNCHED_PROPERTY + "=" + System.currentTimeMillis());
    command.addAll(settings.jvmOptions());
    command.addAll(List.of(Worker.class.getName(), InetAddress.getLoopbackAddress().getHostAddress(),
        Integer.toString(channel.port()), name, Long.toString(ProcessHandle.current().pid())));
    ProcessBuilder builder = new ProcessBuilder(command).directory(settings.directory().toFile());
    builder.environment().put(Worker.TOKEN_VARIABLE, channel.token());
    builder.environment().put("CLASSPATH", settings.classPath());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a worker JVM (" + settings.java() + "): " + e.getMessage(), e);
    }
    WorkerProcess w = new WorkerProcess(name, process, log, settings.directory());
    workers.put(name, w);
    // HotSpot prints "Terminating due to java.lang.OutOfMemoryError" on standard output, an evaluator's trace on error.
    java.util.function.Consumer<String> watch = line -> {
      if (line.contains("OutOfMemoryError")) {
        w.outOfMemory = line;
      }
    };
    Thread out = daemon("jnas-" + name + "-out", new OutputPump(process.getInputStream(), log, TrialRunner.STDOUT, this::trialDir, watch));
    Thread err = daemon("jnas-" + name + "-err", new OutputPump(process.getErrorStream(), log, TrialRunner.STDERR, this::trialDir, watch));
    process.onExit().thenRun(() -> {
      // Its last words (an out-of-memory line, a crash) are read before its end is judged.
      join(out);
      join(err);
      exited(w);
    });
  }

  private static void join(Thread pump) {
    try {
      pump.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized Path trialDir(int trial) {
    WorkerProcess w = byTrial.get(trial);
    return w == null || w.trial == null ? null : Path.of(w.trial.outputDir());
  }

  /** Hands queued trials to idle workers, in order. */
  private void dispatch() {
    for (WorkerProcess w : workers.values()) {
      if (queue.isEmpty()) {
        return;
      }
      if (w.state != WorkerProcess.State.IDLE) {
        continue;
      }
      TrialSpec spec = queue.poll();
      w.state = WorkerProcess.State.BUSY;
      w.trial = spec;
      byTrial.put(spec.trialId(), w);
      try {
        w.send(new WorkerMessage.Run(spec));
      } catch (IOException e) {
        // Its channel broke: the worker is as good as dead; the trial goes back to the front.
        byTrial.remove(spec.trialId());
        w.trial = null;
        queue.addFirst(spec);
        w.killed = true;
        w.killTree();
      }
    }
  }

  private synchronized void exited(WorkerProcess w) {
    workers.remove(w.name);
    if (closed) {
      return;
    }
    if (w.state == WorkerProcess.State.STARTING && !w.killed) {
      if (++failedStarts >= START_ATTEMPTS) {
        cannotStart = "worker JVMs cannot start (" + START_ATTEMPTS + " tries, exit code " + w.process.exitValue()
            + "): " + lastLines(w.log) + " (see " + w.log + ")";
        for (TrialSpec spec : queue) {
          listener.ended(spec.trialId(), cannotStart);
        }
        queue.clear();
        return;
      }
    }
    TrialSpec trial = w.trial;
    if (trial != null && !w.killed) {
      byTrial.remove(trial.trialId());
      listener.ended(trial.trialId(), ExitDiagnosis.describe(w.process.exitValue(), w.crashReport(), w.outOfMemory,
          settings.heap()));
    }
    if (w.state != WorkerProcess.State.RETIRING) {
      launch();
    }
    dispatch();
  }

  /** Retires a worker that ran enough trials or holds too much memory, and starts its replacement. */
  private void recycleIfDue(WorkerProcess w) {
    long rss = w.residentMb().orElse(0L);
    if (w.trialsRun < settings.recycleAfterTrials() && rss <= settings.maxRssMb()) {
      return;
    }
    w.state = WorkerProcess.State.RETIRING;
    try {
      w.send(new WorkerMessage.Exit());
    } catch (IOException e) {
      w.killed = true;
      w.killTree();
    }
    launch();
  }

  // ---- the channel -------------------------------------------------------------------------

  /** A worker's hello: one this service launched (name and pid match) gets its session. */
  private synchronized ChannelServer.Session open(WorkerMessage.Hello hello, java.io.Writer out) {
    WorkerProcess w = workers.get(hello.worker());
    if (w == null || w.process.pid() != hello.pid()) {
      return null;
    }
    w.channel = out;
    return m -> handle(w, m);
  }

  private synchronized void handle(WorkerProcess w, WorkerMessage m) {
    if (m instanceof WorkerMessage.Ready) {
      if (w.state == WorkerProcess.State.STARTING) {
        w.state = WorkerProcess.State.IDLE;
        failedStarts = 0;
        dispatch();
      }
    } else if (m instanceof WorkerMessage.Started s && w.trial != null && w.trial.trialId() == s.trial()) {
      listener.started(s.trial(), w.where());
    } else if (m instanceof WorkerMessage.Intermediate i && isCurrent(w, i.trial())) {
      listener.intermediate(i.trial(), i.metrics());
    } else if (m instanceof WorkerMessage.Final f && isCurrent(w, f.trial())) {
      listener.finalResult(f.trial(), f.metrics());
    } else if (m instanceof WorkerMessage.Progress p && isCurrent(w, p.trial())) {
      listener.progress(p.trial(), p.done(), p.total());
    } else if (m instanceof WorkerMessage.Ended e && isCurrent(w, e.trial())) {
      byTrial.remove(e.trial());
      w.trial = null;
      w.trialsRun++;
      w.state = WorkerProcess.State.IDLE;
      listener.ended(e.trial(), e.failure());
      recycleIfDue(w);
      dispatch();
    }
  }

  private static boolean isCurrent(WorkerProcess w, int trial) {
    return w.trial != null && w.trial.trialId() == trial;
  }

  private static String lastLines(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
