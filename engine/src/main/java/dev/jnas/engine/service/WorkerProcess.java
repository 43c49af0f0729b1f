package dev.jnas.engine.service;

import dev.jnas.worker.TrialSpec;
import dev.jnas.worker.Wire;
import dev.jnas.worker.WorkerMessage;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** One worker JVM of the local service: its process, its channel, the trial it runs, what it printed about its end. */
final class WorkerProcess {
  /** Where a worker is in its life. */
  enum State {
    /** Launched, not yet connected and warm. */
    STARTING,
    IDLE,
    BUSY,
    /** Told to exit (recycled); a replacement is on its way. */
    RETIRING
  }

  final String name;
  final Process process;
  final Path log;
  final Path crashReports;
  State state = State.STARTING;
  Writer channel;
  TrialSpec trial;
  int trialsRun;
  /** Set when the service killed it on purpose (a cancel), so its exit is nobody's failure. */
  boolean killed;
  volatile String outOfMemory;

  WorkerProcess(String name, Process process, Path log, Path crashReports) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.crashReports = crashReports;
  }

  String where() {
    return "worker " + name + " (pid " + process.pid() + ")";
  }

  void send(WorkerMessage message) throws IOException {
    synchronized (this) {
      if (channel == null) {
        throw new IOException(name + " has no channel yet");
      }
      Wire.write(channel, message);
    }
  }

  /** Kills the worker and everything it started: a hung or cancelled trial leaves nothing running. */
  void killTree() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** Its resident memory in MB, where the OS tells (Linux /proc); empty elsewhere. */
  Optional<Long> residentMb() {
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    try {
      return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:")).findFirst()
          .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The JVM's crash report, if it wrote one. */
  Path crashReport() {
    return crashReports.resolve("hs_err-" + name + "-" + process.pid() + ".log");
  }
}
