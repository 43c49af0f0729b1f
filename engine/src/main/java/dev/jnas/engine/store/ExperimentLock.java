package dev.jnas.engine.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-writer guard of an experiment directory: an exclusive OS lock on {@value #FILE}, which
 * the OS releases when the holding process dies however it dies (kill -9 included), so a crashed
 * experiment never stays locked. The file also names the holder (pid, host, since) for the error
 * a second writer gets and for {@code list}/{@code view}, which read it only while the lock is held.
 */
public final class ExperimentLock implements AutoCloseable {
  /** The lock file inside an experiment directory. */
  public static final String FILE = "experiment.lock";

  /**
   * Lock files this JVM holds. POSIX record locks belong to the process, and closing any channel on
   * the file drops them all, so this JVM must never open a file it holds just to probe it.
   */
  private static final Map<Path, Holder> HELD = new ConcurrentHashMap<>();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Who holds (or last held) an experiment's lock. */
  public record Holder(long pid, String host, Instant since) {
    @Override
    public String toString() {
      return "pid " + pid + " on " + host + " since " + since;
    }
  }

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private ExperimentLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code dir} (created if missing) for this process, or fails with one line
   * naming the holder.
   */
  public static ExperimentLock acquire(Path dir) {
    Path file = key(dir);
    Holder me = new Holder(ProcessHandle.current().pid(), hostName(), Instant.now());
    Holder already = HELD.putIfAbsent(file, me);
    if (already != null) {
      throw busy(dir, Optional.of(already));
    }
    FileChannel channel = null;
    try {
      Files.createDirectories(file.getParent());
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        HELD.remove(file);
        throw busy(dir, readHolder(file));
      }
      byte[] holder = JSON.writeValueAsBytes(Map.of("pid", me.pid(), "host", me.host(), "since", me.since().toString()));
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(holder), 0);
      channel.force(true);
      return new ExperimentLock(file, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      HELD.remove(file);
      throw new UncheckedIOException("cannot lock the experiment directory " + dir + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (channel != null && channel.isOpen()) {
        closeQuietly(channel);
        HELD.remove(file);
      }
      throw e;
    }
  }

  /** The process writing to the experiment in {@code dir} now, if any (this one included). */
  public static Optional<Holder> holder(Path dir) {
    Path file = key(dir);
    Holder mine = HELD.get(file);
    if (mine != null) {
      return Optional.of(mine);
    }
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    // A shared lock needs only read access, so viewers without write permission can probe too.
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      FileLock probe = channel.tryLock(0, Long.MAX_VALUE, true);
      if (probe != null) {
        probe.release();
        return Optional.empty();
      }
      return Optional.of(readHolder(file).orElse(new Holder(-1, "an unknown host", Instant.EPOCH)));
    } catch (OverlappingFileLockException e) {
      return Optional.ofNullable(HELD.get(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the lock of the experiment in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Who last held the lock of {@code dir}, whether or not it still does. */
  public static Optional<Holder> lastHolder(Path dir) {
    return readHolder(key(dir));
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // The OS drops the lock with the process anyway; nothing is lost.
    } finally {
      HELD.remove(file);
    }
  }

  private static IllegalStateException busy(Path dir, Optional<Holder> holder) {
    return new ExperimentBusyException("the experiment in " + dir + " is already running ("
        + holder.map(Holder::toString).orElse("by another process") + "); one process at a time may run it");
  }

  private static Optional<Holder> readHolder(Path file) {
    try {
      var node = JSON.readTree(Files.readAllBytes(file));
      return Optional.of(new Holder(node.get("pid").asLong(), node.get("host").asText(), Instant.parse(node.get("since").asText())));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  private static Path key(Path dir) {
    return dir.toAbsolutePath().normalize().resolve(FILE);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Already failing; the first error is the one to report.
      }
    }
  }

  /** A second writer tried to take an experiment another process (or this one) is running. */
  public static final class ExperimentBusyException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    ExperimentBusyException(String message) {
      super(message);
    }
  }
}
