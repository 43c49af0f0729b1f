package dev.jnas.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/goldens}: compared, or rewritten when the build
 * runs with {@code -Dgolden.update=true} (read the diff before committing).
 */
public final class Golden {
  private static final Path ROOT = Path.of("src/test/resources/goldens");

  private Golden() {}

  public static void check(String name, String actual) {
    Path file = ROOT.resolve(name);
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      String expected = Files.readString(file, StandardCharsets.UTF_8);
      assertEquals(expected, actual, "golden " + name + " differs; rerun with -Dgolden.update=true to rewrite it");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read golden " + file.toAbsolutePath() + " (write it with -Dgolden.update=true)", e);
    }
  }
}
