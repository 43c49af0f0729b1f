package dev.jnas.engine.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A request, left in an experiment's directory by another process ({@code jnas stop}), that the
 * process running the experiment stop it. A file rather than a store write, so the store keeps
 * one writer; the running experiment polls it between scheduling rounds.
 */
public final class StopRequest {
  /** The request file inside an experiment directory. */
  public static final String FILE = "stop.request";

  private StopRequest() {}

  /** Leaves a request, saying who asked, for the experiment in {@code dir}. */
  public static void leave(Path dir, String who) {
    Path pending = dir.resolve(FILE + ".tmp-" + ProcessHandle.current().pid());
    try {
      Files.writeString(pending, who + "\n");
      Files.move(pending, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot leave a stop request in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Takes (reads and removes) a pending request: who asked, or empty when none is pending. */
  public static Optional<String> take(Path dir) {
    Path file = dir.resolve(FILE);
    try {
      String who = Files.readString(file).strip();
      Files.deleteIfExists(file);
      return Optional.of(who.isEmpty() ? "another process" : who);
    } catch (IOException e) {
      // None pending (NoSuchFileException), or one not yet readable: the next round looks again.
      return Optional.empty();
    }
  }

  /** Drops a request left for an earlier run of the experiment, so it cannot stop this one. */
  public static void clear(Path dir) {
    try {
      Files.deleteIfExists(dir.resolve(FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the stale stop request in " + dir + ": " + e.getMessage(), e);
    }
  }
}
