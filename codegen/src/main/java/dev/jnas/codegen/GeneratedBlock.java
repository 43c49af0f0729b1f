package dev.jnas.codegen;

/**
 * The Java source of one architecture's DJL block: a class extending {@code AbstractBlock} with a
 * public no-arg constructor, importing only DJL and the JDK.
 */
public record GeneratedBlock(String packageName, String className, String source, String architectureHash) {
  /** The class's binary name. */
  public String qualifiedName() {
    return packageName.isEmpty() ? className : packageName + "." + className;
  }

  /** The path of the source file below a source root, as javac expects it. */
  public String fileName() {
    return qualifiedName().replace('.', '/') + ".java";
  }
}
