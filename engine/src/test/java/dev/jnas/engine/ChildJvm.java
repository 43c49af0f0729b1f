package dev.jnas.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** A main class of the test class path run in a JVM of its own, for faults one process cannot play (kill -9, SIGTERM, locks). */
public final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final Path output;

  private ChildJvm(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /** Starts {@code main} with {@code args}, its output going to {@code output}, with these extra environment variables. */
  public static ChildJvm start(Class<?> main, Path output, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
        "-Dai.djl.pytorch.num_interop_threads=1", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", main.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().putAll(env);
    return new ChildJvm(builder.start(), output);
  }

  public Process process() {
    return process;
  }

  public long pid() {
    return process.pid();
  }

  /** What the child printed so far. */
  public String output() {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /** Waits until {@code condition} holds, failing with the child's output if it ends first or time runs out. */
  public void awaitUntil(BooleanSupplier condition, long timeoutSeconds, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new AssertionError("the child ended (exit " + process.exitValue() + ") before " + what + ":\n" + output());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " after " + timeoutSeconds + " s:\n" + output());
      }
      Thread.sleep(50);
    }
  }

  /** Waits for the child to end; its exit code. */
  public int waitFor(long timeoutSeconds) throws InterruptedException {
    if (!process.waitFor(timeoutSeconds, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the child did not end within " + timeoutSeconds + " s:\n" + output());
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
