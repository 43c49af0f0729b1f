package dev.jnas.engine.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Slurm's own commands (sbatch, squeue, scontrol, scancel), run as processes: no extra jar, any Slurm version. */
final class SlurmCommands {
  /** A job as squeue shows it: its id, name, state and Slurm's reason (why it waits, or why it ended). */
  record Job(String id, String name, String state, String reason) {
    /** Whether Slurm is done with it (it will not run, or run again). */
    boolean ended() {
      return !List.of("PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED", "REQUEUED", "RESIZING", "SIGNALING",
          "STAGE_OUT", "STOPPED", "RESV_DEL_HOLD", "REQUEUE_HOLD", "REQUEUE_FED").contains(state);
    }
  }

  private final Map<String, String> environment;

  SlurmCommands(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** Submits a script; the job id. */
  String sbatch(Path script) {
    String out = run(List.of("sbatch", "--parsable", script.toString()), true).strip();
    return out.contains(";") ? out.substring(0, out.indexOf(';')) : out;
  }

  /** The jobs with these names, in every state Slurm still remembers. */
  List<Job> byName(List<String> names) {
    return names.isEmpty() ? List.of() : parse(run(List.of("squeue", "--noheader", "--states=all", "--format=%i|%j|%T|%r",
        "--name=" + String.join(",", names)), false));
  }

  /** These jobs, in every state Slurm still remembers (a job it forgot is missing). */
  List<Job> byId(List<String> ids) {
    return ids.isEmpty() ? List.of() : parse(run(List.of("squeue", "--noheader", "--states=all", "--format=%i|%j|%T|%r",
        "--jobs=" + String.join(",", ids)), false));
  }

  /** {@code scontrol show job}'s fields of one job (JobState, Reason, ExitCode, NodeList, ...), empty when Slurm forgot it. */
  Map<String, String> details(String id) {
    Map<String, String> fields = new LinkedHashMap<>();
    String out;
    try {
      out = run(List.of("scontrol", "show", "job", "--oneliner", id), true);
    } catch (IllegalStateException forgotten) {
      return fields;
    }
    for (String field : out.strip().split("\\s+")) {
      int eq = field.indexOf('=');
      if (eq > 0) {
        fields.putIfAbsent(field.substring(0, eq), field.substring(eq + 1));
      }
    }
    return fields;
  }

  void scancel(String id) {
    run(List.of("scancel", id), false);
  }

  private static List<Job> parse(String out) {
    List<Job> jobs = new ArrayList<>();
    for (String line : out.lines().toList()) {
      String[] f = line.strip().split("\\|", -1);
      if (f.length == 4) {
        jobs.add(new Job(f[0], f[1], f[2], f[3]));
      }
    }
    return jobs;
  }

  /** Runs a command; its standard output. {@code strict}: a non-zero exit is an error quoting Slurm's words. */
  private String run(List<String> command, boolean strict) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
    builder.environment().putAll(environment);
    try {
      Process p = builder.start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      byte[] err = p.getErrorStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not answer within 60 s");
      }
      if (strict && p.exitValue() != 0) {
        throw new IllegalStateException(command.get(0) + " failed (exit " + p.exitValue() + "): "
            + new String(err, StandardCharsets.UTF_8).strip());
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command.get(0) + " (is Slurm's client installed and on the PATH?): "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(command.get(0) + " was interrupted", e);
    }
  }
}
