package dev.jnas.engine;

import java.nio.file.Path;

/**
 * Where experiments live: {@code $JNAS_HOME} when set, else {@code ~/jnas-experiments}. The API's
 * default experiment directory and every {@code jnas} command read it here, so they always agree.
 */
public final class JnasHome {
  /** The environment variable naming the experiments root. */
  public static final String VARIABLE = "JNAS_HOME";

  private JnasHome() {}

  /** The experiments root. */
  public static Path experiments() {
    String home = System.getenv(VARIABLE);
    return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), "jnas-experiments");
  }
}
