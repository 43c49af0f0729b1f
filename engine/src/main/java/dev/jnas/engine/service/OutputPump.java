package dev.jnas.engine.service;

import dev.jnas.worker.Worker;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Copies one of a worker's output streams to files: between the worker's trial marks to the
 * trial's own file ({@code stdout.log} or {@code stderr.log} in its folder), outside them to the
 * worker's log. Everything the trial's JVM prints lands there, native libraries' output included.
 */
final class OutputPump implements Runnable {
  /** What one trial may write to one stream before the rest is dropped, to protect the disk. */
  static final long TRIAL_LIMIT = 64L << 20;

  private final InputStream in;
  private final Path workerLog;
  private final String fileName;
  private final IntFunction<Path> trialDir;
  private final Consumer<String> lines;

  /**
   * @param fileName the trial's file for this stream ({@code stdout.log} or {@code stderr.log})
   * @param trialDir the folder of a trial by id
   * @param lines sees every line (the service watches standard error for the JVM's out-of-memory line)
   */
  OutputPump(InputStream in, Path workerLog, String fileName, IntFunction<Path> trialDir, Consumer<String> lines) {
    this.in = in;
    this.workerLog = workerLog;
    this.fileName = fileName;
    this.trialDir = trialDir;
    this.lines = lines;
  }

  @Override
  public void run() {
    OutputStream sink = null;
    long written = 0;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        OutputStream worker = new BufferedOutputStream(Files.newOutputStream(workerLog, StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
      for (String line; (line = reader.readLine()) != null; ) {
        lines.accept(line);
        if (line.startsWith(Worker.MARK)) {
          String[] mark = line.substring(Worker.MARK.length()).split(" ");
          closeQuietly(sink);
          sink = null;
          written = 0;
          if (mark[0].equals("start")) {
            Path dir = trialDir.apply(Integer.parseInt(mark[1]));
            if (dir != null) {
              Files.createDirectories(dir);
              sink = new BufferedOutputStream(Files.newOutputStream(dir.resolve(fileName), StandardOpenOption.CREATE, StandardOpenOption.APPEND));
            }
          }
          continue;
        }
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        OutputStream target = sink == null ? worker : sink;
        if (sink == null) {
          worker.write(bytes);
        } else if (written < TRIAL_LIMIT) {
          written += bytes.length;
          sink.write(bytes);
          if (written >= TRIAL_LIMIT) {
            sink.write(("[jnas: the trial printed more than " + (TRIAL_LIMIT >> 20) + " MB here; the rest is dropped]\n")
                .getBytes(StandardCharsets.UTF_8));
          }
        }
        if (!reader.ready()) {
          // Written through in bursts: live for a reader of the file, cheap for a trial that prints a lot.
          target.flush();
        }
      }
    } catch (IOException e) {
      // The stream closed with its process; what was copied stays.
    } finally {
      closeQuietly(sink);
    }
  }

  private static void closeQuietly(OutputStream out) {
    if (out != null) {
      try {
        out.close();
      } catch (IOException ignored) {
        // A log file; the trial's record is in the store.
      }
    }
  }
}
