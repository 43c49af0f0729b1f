package dev.jnas.engine.service;

import dev.jnas.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The sbatch script of one trial: its resources as {@code #SBATCH} lines, the channel's token and
 * the class path in its environment, and the java command that runs the trial's worker. Without a
 * shared filesystem, the trial's spec travels inside the script and is unpacked in the node's
 * temporary folder.
 *
 * @param jobName the job's name, {@code jnas-<experiment id>-<trial>}, by which a restarted engine finds it
 * @param cpus {@code --cpus-per-task}, also the trial's PyTorch threads
 * @param memory {@code --mem}, or null
 * @param gpus {@code --gres=gpu:N}, or 0
 * @param timeLimit {@code --time} (rounded up to minutes), or null
 * @param partition {@code --partition}, or null
 * @param account {@code --account}, or null
 * @param qos {@code --qos}, or null
 * @param extraOptions further sbatch options
 * @param stdout where the job's standard output goes (on the node)
 * @param stderr where its standard error goes (on the node)
 * @param token the channel's token
 * @param classPath the class path on the node
 * @param java the java command on the node
 * @param jvmOptions options of the trial's JVM
 * @param host the engine's channel host, as the node reaches it
 * @param port the engine's channel port
 * @param workerName the worker's name on the channel
 * @param specFile the spec file on a shared filesystem, or null when {@code inlineSpec} carries it
 * @param inlineSpec the spec's JSON, to inline, or null
 */
record SlurmBatchScript(String jobName, int cpus, String memory, int gpus, Duration timeLimit, String partition, String account,
    String qos, List<String> extraOptions, String stdout, String stderr, String token, String classPath, String java,
    List<String> jvmOptions, String host, int port, String workerName, String specFile, byte[] inlineSpec) {
  /** A heredoc delimiter that base64 can never produce. */
  private static final String END_OF_SPEC = "JNAS_SPEC_END";

  String text() {
    List<String> lines = new ArrayList<>();
    lines.add("#!/bin/bash");
    option(lines, "--job-name", jobName);
    option(lines, "--output", stdout);
    option(lines, "--error", stderr);
    option(lines, "--cpus-per-task", Integer.toString(cpus));
    option(lines, "--ntasks", "1");
    option(lines, "--mem", memory);
    option(lines, "--gres", gpus > 0 ? "gpu:" + gpus : null);
    option(lines, "--time", timeLimit == null ? null : Long.toString(Math.max(1, (timeLimit.toSeconds() + 59) / 60)));
    option(lines, "--partition", partition);
    option(lines, "--account", account);
    option(lines, "--qos", qos);
    for (String extra : extraOptions) {
      lines.add("#SBATCH " + extra);
    }
    lines.add("# One trial of a jnas experiment: its worker runs it and reports to the engine's channel.");
    lines.add("set -euo pipefail");
    lines.add("export " + Worker.TOKEN_VARIABLE + "=" + quote(token));
    lines.add("export CLASSPATH=" + quote(classPath));
    List<String> command = new ArrayList<>(List.of(quote(java), "-D" + LocalWorkerService.WORKER_PROPERTY + "=" + workerName,
        "-XX:+ExitOnOutOfMemoryError", "-Dai.djl.pytorch.num_threads=" + cpus, "-Dai.djl.pytorch.num_interop_threads=1"));
    jvmOptions.forEach(o -> command.add(quote(o)));
    command.addAll(List.of(Worker.class.getName(), "--job", host, Integer.toString(port), workerName));
    if (inlineSpec == null) {
      command.add(quote(specFile));
    } else {
      lines.add("work=\"${TMPDIR:-/tmp}/" + jobName + "-$SLURM_JOB_ID\"");
      lines.add("mkdir -p \"$work/out\"");
      lines.add("trap 'rm -rf \"$work\"' EXIT");
      lines.add("base64 -d > \"$work/trial-spec.json\" <<'" + END_OF_SPEC + "'");
      lines.add(Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(inlineSpec));
      lines.add(END_OF_SPEC);
      command.addAll(List.of("\"$work/trial-spec.json\"", "\"$work/out\"", quote(stdout), quote(stderr)));
    }
    lines.add(String.join(" ", command));
    return String.join("\n", lines) + "\n";
  }

  private static void option(List<String> lines, String name, String value) {
    if (value != null) {
      lines.add("#SBATCH " + name + "=" + value);
    }
  }

  /** A word for bash, quoted so nothing in it is expanded. */
  static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
