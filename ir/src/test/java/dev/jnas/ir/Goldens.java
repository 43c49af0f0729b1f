package dev.jnas.ir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The IR golden texts under {@code src/test/resources/ir}. */
public final class Goldens {
  /** Every golden, each canonical IR text. */
  public static final List<String> ALL = List.of("tutorial-net", "tutorial-space", "every-op", "every-choice", "placeholder");

  private Goldens() {}

  public static String text(String name) {
    try (var in = Goldens.class.getResourceAsStream("/ir/" + name + ".ir")) {
      if (in == null) {
        throw new IllegalArgumentException("no golden " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
