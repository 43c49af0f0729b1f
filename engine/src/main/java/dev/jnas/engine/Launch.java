package dev.jnas.engine;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * How the {@code jnas} command line started the program that runs an experiment: the command to
 * record (with this account's signature, which {@code jnas resume} checks), and, for a resume, the
 * experiment directory that {@link NasExperiment#run} continues instead of starting anew. The CLI
 * sets it around the program's main; an experiment reads it, and knows nothing of the CLI.
 *
 * @param command the main class and its arguments as a JSON array, or null
 * @param signature this account's signature of {@code command}, or null
 * @param resume the directory to continue, or null to start a new experiment
 * @param overrides settings the command line gives over the program's own (where trials run), applied
 *     to a new experiment's config before it is checked and recorded
 */
public record Launch(String command, String signature, Path resume, UnaryOperator<ExperimentConfig> overrides) {
  public Launch {
    overrides = overrides == null ? UnaryOperator.identity() : overrides;
  }

  private static final AtomicReference<Launch> CURRENT = new AtomicReference<>();

  /** Runs {@code main} as launched this way. */
  public static void during(Launch launch, Body main) throws Exception {
    Launch previous = CURRENT.getAndSet(launch);
    try {
      main.run();
    } finally {
      CURRENT.set(previous);
    }
  }

  /** The launch in effect, if the CLI started this program. */
  static Optional<Launch> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /** A program's main, which may throw. */
  @FunctionalInterface
  public interface Body {
    void run() throws Exception;
  }
}
