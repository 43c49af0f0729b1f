package dev.jnas.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;

/** Reads and writes {@link WorkerMessage}s, one JSON object per line. */
public final class Wire {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Wire() {}

  /** Writes one message and flushes; a writer shared by threads must be used under its own lock. */
  public static void write(Writer out, WorkerMessage message) throws IOException {
    out.write(JSON.writeValueAsString(message));
    out.write('\n');
    out.flush();
  }

  /** A trial's spec as JSON, as a batch job receives it. */
  public static byte[] specJson(TrialSpec spec) throws IOException {
    return JSON.writeValueAsBytes(spec);
  }

  /** A trial's spec back from {@link #specJson}. */
  public static TrialSpec spec(byte[] json) throws IOException {
    return JSON.readValue(json, TrialSpec.class);
  }

  /** The next message, or null at the end of the stream. */
  public static WorkerMessage read(BufferedReader in) throws IOException {
    String line = in.readLine();
    return line == null ? null : JSON.readValue(line, WorkerMessage.class);
  }
}
