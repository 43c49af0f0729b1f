package dev.jnas.codegen;

import java.util.List;

/** Generated source that javac rejected: the diagnostics (file, line:column, message) and the sources. */
public final class CompilationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<GeneratedBlock> sources;
  private final List<String> diagnostics;

  public CompilationException(List<GeneratedBlock> sources, List<String> diagnostics) {
    super("javac rejected generated source:\n" + String.join("\n", diagnostics) + "\n\n" + listing(sources));
    this.sources = List.copyOf(sources);
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<GeneratedBlock> sources() {
    return sources;
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
