package dev.jnas.engine.store;

import dev.jnas.worker.TrialRunner;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a trial printed, as its folder keeps it ({@value #STDOUT}, {@value #STDERR}), read from the end. */
public final class TrialOutput {
  public static final String STDOUT = TrialRunner.STDOUT;
  public static final String STDERR = TrialRunner.STDERR;

  private TrialOutput() {}

  /**
   * The last {@code maxBytes} of a trial's file, from a line start, with a note of what was left
   * out; empty when the trial printed nothing there.
   */
  public static String tail(Path file, int maxBytes) {
    if (!Files.isRegularFile(file)) {
      return "";
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long size = in.length();
      long from = Math.max(0, size - maxBytes);
      byte[] bytes = new byte[(int) (size - from)];
      in.seek(from);
      in.readFully(bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      if (from == 0) {
        return text;
      }
      int line = text.indexOf('\n');
      return "[... " + (from + line + 1) + " earlier bytes in " + file.getFileName() + "]\n" + text.substring(line + 1);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }
}
