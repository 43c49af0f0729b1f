package dev.jnas.worker;

import ai.djl.engine.Engine;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The main of a worker JVM: connects to the engine's channel, proves it with the token from
 * {@value #TOKEN_VARIABLE}, then runs the trials it is sent, one at a time, until told to exit.
 * It never outlives the engine: when the channel closes (the engine ended, however it ended) or
 * the engine's process is gone, it halts at once, whatever its trial is doing.
 *
 * <p>Arguments: the engine's channel host and port, this worker's name, and optionally the engine's
 * pid when the engine runs on this machine (a local worker), which the worker then watches too.
 *
 * <p>A batch job runs one trial instead: {@code --job <host> <port> <name> <spec file>}, and without a
 * shared filesystem also {@code <local folder> <stdout file> <stderr file>}. Its trial does not need the
 * engine to be there: it reports when it can (see {@link JobLink}) and outlives an engine restart.
 */
public final class Worker {
  /** The environment variable carrying the experiment's token (not an argument: arguments show in {@code ps}). */
  public static final String TOKEN_VARIABLE = "JNAS_WORKER_TOKEN";
  /**
   * Starts a line the worker prints on both standard output and error around each trial ({@code
   * <MARK>start 3}, {@code <MARK>end 3}), so the engine files what the trial printed, natives included,
   * under the trial; an ASCII record separator, which no one prints by accident.
   */
  public static final String MARK = "\u001ejnas:";
  /** The system property holding when the engine launched this worker (epoch milliseconds). */
  public static final String LAUNCHED_PROPERTY = "jnas.worker.launched";
  /** The exit code of a worker whose engine went away. */
  public static final int ENGINE_GONE = 70;

  private final Writer out;

  private Worker(Writer out) {
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--job")) {
      job(args);
      return;
    }
    if (args.length != 3 && args.length != 4) {
      throw new IllegalArgumentException("usage: Worker <engine host> <engine port> <worker name> [<engine pid>]");
    }
    // PyTorch's natives load (over half a second) while the worker connects and its first trial's
    // evaluator and data arrive; the trial waits for them only if it gets there first.
    String launched = System.getProperty(LAUNCHED_PROPERTY);
    daemon("jnas-worker-natives", () -> {
      Engine.getInstance();
      if (launched != null) {
        System.out.println("worker " + args[2] + " loaded PyTorch " + (System.currentTimeMillis() - Long.parseLong(launched))
            + " ms after launch");
      }
    });
    Socket socket = new Socket(args[0], Integer.parseInt(args[1]));
    socket.setTcpNoDelay(true);
    Writer out = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    Worker worker = new Worker(out);
    worker.send(new WorkerMessage.Hello(args[2], System.getenv(TOKEN_VARIABLE), ProcessHandle.current().pid()));
    BlockingQueue<WorkerMessage> inbox = new LinkedBlockingQueue<>();
    daemon("jnas-worker-channel", () -> {
      try {
        for (WorkerMessage m; (m = Wire.read(in)) != null; ) {
          if (m instanceof WorkerMessage.Stop stop) {
            // Handled here, not queued: the main thread is busy running the trial it stops.
            TrialRunner.requestStop(stop.trial());
          } else {
            inbox.add(m);
          }
        }
      } catch (IOException e) {
        // The engine is gone: fall through and halt.
      }
      Runtime.getRuntime().halt(ENGINE_GONE);
    });
    if (args.length == 4) {
      long engine = Long.parseLong(args[3]);
      daemon("jnas-worker-watchdog", () -> {
        // Belt and braces, should the channel outlive its engine's process.
        while (true) {
          if (!ProcessHandle.of(engine).map(ProcessHandle::isAlive).orElse(false)) {
            Runtime.getRuntime().halt(ENGINE_GONE);
          }
          sleep(1000);
        }
      });
    }
    worker.send(new WorkerMessage.Ready(args[2]));
    while (true) {
      WorkerMessage m = inbox.take();
      if (m instanceof WorkerMessage.Run run) {
        worker.run(run.spec());
      } else if (m instanceof WorkerMessage.Exit) {
        socket.close();
        System.exit(0);
      }
    }
  }

  /** How long a job waits for an engine to come (back) before it gives up on reporting. */
  static final Duration JOB_PATIENCE = Duration.ofMinutes(15);

  /** One trial as a batch job: run it, report it when the engine can hear, wait for its acknowledgement. */
  private static void job(String[] args) throws Exception {
    if (args.length != 5 && args.length != 8) {
      throw new IllegalArgumentException("usage: Worker --job <host> <port> <name> <spec file> [<local folder> <stdout> <stderr>]");
    }
    daemon("jnas-worker-natives", Engine::getInstance); // in parallel with reading the spec and connecting
    TrialSpec spec = Wire.spec(Files.readAllBytes(Path.of(args[4])));
    Path local = args.length == 8 ? Path.of(args[5]) : null;
    if (local != null) {
      spec = spec.writingTo(local.toString());
    }
    JobLink link = new JobLink(args[1], Integer.parseInt(args[2]), args[3], System.getenv(TOKEN_VARIABLE), JOB_PATIENCE);
    link.start();
    int id = spec.trialId();
    link.send(new WorkerMessage.Started(id));
    String failure = TrialRunner.run(spec, null, false, link::send);
    System.out.flush();
    System.err.flush();
    if (local != null) {
      // No shared filesystem: the trial's folder and what the job printed travel back with its end.
      try (var files = Files.list(local)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          link.send(new WorkerMessage.File(id, f.getFileName().toString(), Files.readAllBytes(f)));
        }
      }
      for (String[] stream : new String[][] {{args[6], TrialRunner.STDOUT}, {args[7], TrialRunner.STDERR}}) {
        Path f = Path.of(stream[0]);
        if (Files.isRegularFile(f)) {
          link.send(new WorkerMessage.File(id, stream[1], Files.readAllBytes(f)));
        }
      }
    }
    link.send(new WorkerMessage.Ended(id, failure));
    link.awaitAck();
    System.exit(0);
  }

  private void run(TrialSpec spec) throws IOException {
    mark("start " + spec.trialId());
    send(new WorkerMessage.Started(spec.trialId()));
    String failure = TrialRunner.run(spec, null, false, this::sendQuietly);
    mark("end " + spec.trialId());
    send(new WorkerMessage.Ended(spec.trialId(), failure));
    // The trial's garbage goes now, between trials, and a full collection gives the heap it grew
    // back to the OS: a warm worker then holds what the next trial needs, not the last one's peak.
    System.gc();
  }

  private static void mark(String what) {
    System.out.flush();
    System.err.flush();
    System.out.println(MARK + what);
    System.err.println(MARK + what);
    System.out.flush();
    System.err.flush();
  }

  private synchronized void send(WorkerMessage message) throws IOException {
    Wire.write(out, message);
  }

  private void sendQuietly(WorkerMessage message) {
    try {
      send(message);
    } catch (IOException e) {
      Runtime.getRuntime().halt(ENGINE_GONE);
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
