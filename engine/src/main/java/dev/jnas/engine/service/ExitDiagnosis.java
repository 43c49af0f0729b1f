package dev.jnas.engine.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Why a worker JVM ended in the middle of a trial, in one line: exit code, signal, crash report, heap. */
final class ExitDiagnosis {
  private static final Map<Integer, String> SIGNALS = Map.of(1, "SIGHUP", 2, "SIGINT", 3, "SIGQUIT", 4, "SIGILL", 6, "SIGABRT",
      7, "SIGBUS", 8, "SIGFPE", 9, "SIGKILL", 11, "SIGSEGV", 15, "SIGTERM");

  private ExitDiagnosis() {}

  /**
   * @param exitCode the worker's exit code (128 + n when killed by signal n)
   * @param crashReport the JVM's fatal-error report (hs_err), if it wrote one
   * @param outOfMemory the line the JVM printed when a heap ran out, if it did
   * @param heap the worker's heap limit, or null
   */
  static String describe(int exitCode, Path crashReport, String outOfMemory, String heap) {
    if (outOfMemory != null) {
      return "OutOfMemoryError: " + outOfMemory.replaceFirst(".*OutOfMemoryError:?\\s*", "").strip()
          + " (the trial's JVM had " + (heap == null ? "the JVM's default heap" : "a heap of " + heap)
          + "; give trials more with trialHeap)";
    }
    if (crashReport != null && Files.isRegularFile(crashReport)) {
      return "the trial's JVM crashed: " + summary(crashReport) + " (crash report " + crashReport + ")";
    }
    if (exitCode > 128 && exitCode < 160) {
      int signal = exitCode - 128;
      String name = SIGNALS.getOrDefault(signal, "signal " + signal);
      return "the trial's JVM was killed by " + name + " (signal " + signal + ")"
          + (signal == 9 ? ": kill -9, or the kernel's out-of-memory killer" : "");
    }
    return "the trial's JVM exited with code " + exitCode + " before the trial ended (System.exit in the evaluator?)";
  }

  /** The signal and the problematic frame from an hs_err file: what a reader needs first. */
  static String summary(Path report) {
    try {
      List<String> lines = Files.readAllLines(report);
      String signal = lines.stream().filter(l -> l.matches("#\\s+(SIG\\w+|EXCEPTION_\\w+|Internal Error).*")).findFirst()
          .map(l -> l.substring(1).strip()).orElse("a fatal error");
      int frame = lines.indexOf("# Problematic frame:");
      String where = frame >= 0 && frame + 1 < lines.size() ? "; problematic frame " + lines.get(frame + 1).substring(1).strip() : "";
      return signal.replaceAll(",\\s*pid=\\d+,\\s*tid=\\d+", "") + where;
    } catch (IOException e) {
      return "a fatal error (its report is unreadable: " + e.getMessage() + ")";
    }
  }
}
