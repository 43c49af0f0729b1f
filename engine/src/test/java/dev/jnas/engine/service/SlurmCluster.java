package dev.jnas.engine.service;

import dev.jnas.engine.SlurmSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real one-node Slurm cluster on loopback for the tests: munged, slurmctld and slurmd from
 * Debian's packages, started in the foreground with files generated in a temporary directory (no
 * systemd, cgroups or slurmdbd), two fake GPUs ({@code /dev/tty0-1}) so GPU scheduling is real, and
 * stopped by pid afterwards. {@link #available()} tells whether this machine has Slurm.
 */
public final class SlurmCluster implements AutoCloseable {
  private static final List<String> BINARIES = List.of("/usr/sbin/munged", "/usr/sbin/mungekey", "/usr/sbin/slurmctld",
      "/usr/sbin/slurmd", "/usr/bin/sbatch", "/usr/bin/squeue", "/usr/bin/scontrol", "/usr/bin/scancel", "/usr/bin/sinfo");

  private final Path dir;
  private final List<Process> daemons = new ArrayList<>();

  private SlurmCluster(Path dir) {
    this.dir = dir;
  }

  /** Whether Debian's slurmctld, slurmd, slurm-client and munge are installed (.ci/run installs them). */
  public static boolean available() {
    return BINARIES.stream().allMatch(b -> Files.isExecutable(Path.of(b)));
  }

  /** Starts the cluster in {@code dir}; returns once the node is idle and takes jobs. */
  public static SlurmCluster start(Path dir) throws Exception {
    SlurmCluster cluster = new SlurmCluster(dir);
    try {
      cluster.boot();
      return cluster;
    } catch (Exception | AssertionError e) {
      cluster.close();
      throw e;
    }
  }

  /** Starts a cluster for a test class in a temporary folder, or skips the class where Slurm is not installed. */
  public static SlurmCluster startOrSkip() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(available(),
        "skipped: Debian's slurmctld, slurmd, slurm-client and munge are not installed (.ci/run installs them)");
    return start(Files.createTempDirectory("jnas-slurm"));
  }

  /** Settings that send trials to this cluster: its config, the channel on loopback, quick polls. */
  public SlurmSettings settings() {
    return new SlurmSettings().environment(environment()).channelHost("127.0.0.1")
        .pollInterval(java.time.Duration.ofMillis(300));
  }

  /** The environment Slurm's commands need to find this cluster. */
  public Map<String, String> environment() {
    return Map.of("SLURM_CONF", dir.resolve("slurm.conf").toString());
  }

  private void boot() throws Exception {
    Path munge = Files.createDirectories(dir.resolve("munge"));
    Files.setPosixFilePermissions(munge, PosixFilePermissions.fromString("rwx------"));
    Files.createDirectories(dir.resolve("state"));
    Files.createDirectories(dir.resolve("spool"));
    Files.createDirectories(dir.resolve("log"));
    run(List.of("/usr/sbin/mungekey", "--create", "--keyfile=" + munge.resolve("munge.key")));
    String user = System.getProperty("user.name");
    String host = InetAddress.getLocalHost().getHostName();
    Files.writeString(dir.resolve("slurm.conf"), String.join("\n",
        "ClusterName=jnas",
        "SlurmctldHost=" + host + "(127.0.0.1)",
        "SlurmUser=" + user,
        "SlurmdUser=" + user,
        "SlurmctldPort=" + freePort(),
        "SlurmdPort=" + freePort(),
        "AuthType=auth/munge",
        "CredType=cred/munge",
        "AuthInfo=socket=" + munge.resolve("munge.sock"),
        "StateSaveLocation=" + dir.resolve("state"),
        "SlurmdSpoolDir=" + dir.resolve("spool"),
        "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
        "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
        "SlurmctldLogFile=" + dir.resolve("log/slurmctld.log"),
        "SlurmdLogFile=" + dir.resolve("log/slurmd.log"),
        "ProctrackType=proctrack/linuxproc",
        "TaskPlugin=task/none",
        "SelectType=select/cons_tres",
        "SelectTypeParameters=CR_Core",
        "GresTypes=gpu",
        "MpiDefault=none",
        "ReturnToService=2",
        "SchedulerType=sched/backfill",
        "SchedulerParameters=sched_interval=1",
        "MinJobAge=300",
        "KillWait=2",
        "OverTimeLimit=0",
        "InactiveLimit=0",
        "JobAcctGatherType=jobacct_gather/none",
        "NodeName=" + host + " NodeAddr=127.0.0.1 CPUs=2 RealMemory=4000 Gres=gpu:2 State=UNKNOWN",
        "PartitionName=debug Nodes=" + host + " Default=YES MaxTime=INFINITE State=UP",
        ""));
    Files.writeString(dir.resolve("gres.conf"), "Name=gpu File=/dev/tty[0-1]\n");
    daemon("munged", List.of("/usr/sbin/munged", "--foreground", "--force", "--key-file=" + munge.resolve("munge.key"),
        "--socket=" + munge.resolve("munge.sock"), "--pid-file=" + munge.resolve("munged.pid"),
        "--log-file=" + munge.resolve("munged.log"), "--seed-file=" + munge.resolve("munge.seed")));
    waitFor(() -> Files.exists(munge.resolve("munge.sock")), "munged's socket");
    String conf = dir.resolve("slurm.conf").toString();
    daemon("slurmctld", List.of("/usr/sbin/slurmctld", "-D", "-i", "-f", conf));
    daemon("slurmd", List.of("/usr/sbin/slurmd", "-D", "-f", conf));
    waitFor(() -> {
      try {
        return run(List.of("/usr/bin/sinfo", "--noheader", "--format=%t")).strip().equals("idle");
      } catch (Exception e) {
        return false;
      }
    }, "an idle node");
  }

  private void daemon(String name, List<String> command) throws IOException {
    ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("log").resolve(name + ".out").toFile());
    b.environment().putAll(environment());
    daemons.add(b.start());
  }

  private String run(List<String> command) throws Exception {
    ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
    b.environment().putAll(environment());
    Process p = b.start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  private void waitFor(java.util.function.BooleanSupplier ready, String what) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!ready.getAsBoolean()) {
      for (Process d : daemons) {
        if (!d.isAlive()) {
          throw new IllegalStateException("a Slurm daemon died before " + what + ": " + d.info().command().orElse("?")
              + "; see " + dir.resolve("log"));
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no " + what + " after 30 s; see " + dir.resolve("log"));
      }
      Thread.sleep(100);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Cancels what still runs, stops the daemons by pid, and ends the job steps they left behind. */
  @Override
  public void close() {
    try {
      run(List.of("/usr/bin/scancel", "--user=" + System.getProperty("user.name")));
      long deadline = System.nanoTime() + 15_000_000_000L;
      while (!run(List.of("/usr/bin/squeue", "--noheader")).isBlank() && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
    } catch (Exception e) {
      // The controller is gone already: what it left is ended below.
    }
    for (int i = daemons.size() - 1; i >= 0; i--) {
      Process d = daemons.get(i);
      d.descendants().forEach(ProcessHandle::destroyForcibly);
      d.destroy();
      try {
        if (!d.waitFor(10, TimeUnit.SECONDS)) {
          d.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // Job steps (slurmstepd) detach from slurmd: the ones of this cluster carry its SLURM_CONF.
    String conf = "SLURM_CONF=" + dir.resolve("slurm.conf");
    ProcessHandle.allProcesses().filter(p -> p.info().command().orElse("").contains("slurmstepd") || p.info().commandLine()
        .orElse("").startsWith("slurmstepd")).filter(p -> {
          try {
            return Files.readString(Path.of("/proc", Long.toString(p.pid()), "environ")).contains(conf);
          } catch (IOException e) {
            return false;
          }
        }).forEach(p -> {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        });
  }
}
