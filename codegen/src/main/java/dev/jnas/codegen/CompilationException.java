package dev.jnas.codegen;

import java.util.List;

/**
 * Generated source that javac rejected: javac's first error, all diagnostics (file, line:column,
 * message) and the sources.
 */
public final class CompilationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<GeneratedBlock> sources;
  private final String firstError;
  private final List<String> diagnostics;

  /**
   * @param firstError javac's first error as {@code File.java:line:column: message}, the message's
   *     first line only: it heads this exception's message, which is all a failed trial's reason
   *     shows (its first line)
   * @param diagnostics every error, then every warning, in full
   */
  public CompilationException(List<GeneratedBlock> sources, String firstError, List<String> diagnostics) {
    super("javac rejected generated source: " + firstError + "\n" + String.join("\n", diagnostics) + "\n\n" + listing(sources));
    this.sources = List.copyOf(sources);
    this.firstError = firstError;
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<GeneratedBlock> sources() {
    return sources;
  }

  /** javac's first error: {@code File.java:line:column: message}, one line. */
  public String firstError() {
    return firstError;
  }

  public List<String> diagnostics() {
    return diagnostics;
  }

  private static String listing(List<GeneratedBlock> sources) {
    StringBuilder out = new StringBuilder();
    for (GeneratedBlock block : sources) {
      out.append("---- ").append(block.fileName()).append('\n');
      String[] lines = block.source().split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        out.append(String.format("%4d  %s%n", i + 1, lines[i]));
      }
    }
    return out.toString();
  }
}
