package dev.jnas.codegen;

import java.util.List;

/**
 * The Java source of one architecture's DJL block: a class extending {@code AbstractBlock} with a
 * public no-arg constructor, importing only DJL and the JDK, plus the user blocks it constructs
 * ({@code userBlocks}, class names), which must be on the class path to compile and run it.
 */
public record GeneratedBlock(String packageName, String className, String source, String architectureHash, List<String> userBlocks) {
  public GeneratedBlock {
    userBlocks = List.copyOf(userBlocks);
  }

  /** A block that constructs no user block. */
  public GeneratedBlock(String packageName, String className, String source, String architectureHash) {
    this(packageName, className, source, architectureHash, List.of());
  }

  /** The class's binary name. */
  public String qualifiedName() {
    return packageName.isEmpty() ? className : packageName + "." + className;
  }

  /** The path of the source file below a source root, as javac expects it. */
  public String fileName() {
    return qualifiedName().replace('.', '/') + ".java";
  }
}
