package dev.jnas.engine;

import dev.jnas.ir.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * An experiment's embedded SQLite database ({@code experiment.db}, WAL mode) in its directory:
 * config, search space, every trial with its metrics, the strategy's state after each tell, and
 * an event log, each written in its own transaction as it happens, so a killed experiment loses
 * nothing it had recorded. One connection, used by one thread at a time.
 */
public final class ExperimentStore implements AutoCloseable {
  /** The database file inside an experiment directory. */
  public static final String FILE = "experiment.db";

  private final Connection db;
  private final Path dir;

  private ExperimentStore(Path dir, Connection db) {
    this.dir = dir;
    this.db = db;
  }

  /** Creates the store of a new experiment; an error if {@code dir} already holds one. */
  static ExperimentStore create(Path dir, String configJson, String spaceIr, String searchSpace) {
    Path file = dir.resolve(FILE);
    if (Files.exists(file)) {
      throw new IllegalStateException(dir + " already holds an experiment; resume it or choose another experimentDir");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the experiment directory " + dir, e);
    }
    ExperimentStore store = connect(dir);
    store.transaction(() -> {
      try (Statement s = store.db.createStatement()) {
        s.executeUpdate("CREATE TABLE experiment (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        s.executeUpdate("CREATE TABLE trial (id INTEGER PRIMARY KEY, sample TEXT NOT NULL, architecture TEXT,"
            + " state TEXT NOT NULL, started_at INTEGER, ended_at INTEGER, final_metric REAL, failure TEXT)");
        s.executeUpdate("CREATE TABLE metric (trial_id INTEGER NOT NULL REFERENCES trial(id), seq INTEGER NOT NULL,"
            + " value REAL NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (trial_id, seq))");
        s.executeUpdate("CREATE TABLE strategy_state (seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, state TEXT NOT NULL)");
        s.executeUpdate("CREATE TABLE event (seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, kind TEXT NOT NULL, message TEXT NOT NULL)");
      }
      store.put("config", configJson);
      store.put("space", spaceIr);
      store.put("search_space", searchSpace);
      store.put("status", "RUNNING");
      store.put("elapsed_ms", "0");
    });
    return store;
  }

  /** Opens the store of an existing experiment. */
  public static ExperimentStore open(Path dir) {
    if (!Files.isRegularFile(dir.resolve(FILE))) {
      throw new IllegalArgumentException(dir + " holds no jnas experiment (no " + FILE + ")");
    }
    return connect(dir);
  }

  private static ExperimentStore connect(Path dir) {
    try {
      Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(FILE).toAbsolutePath());
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA foreign_keys=ON");
        s.execute("PRAGMA busy_timeout=5000");
      }
      db.setAutoCommit(false);
      return new ExperimentStore(dir, db);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the experiment database in " + dir + ": " + e.getMessage(), e);
    }
  }

  public Path dir() {
    return dir;
  }

  // ---- writes, each its own transaction ---------------------------------------------------

  synchronized void put(String key, String value) {
    transaction(() -> update("INSERT INTO experiment (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value));
  }

  /** A new trial and the strategy's state after proposing it, in one transaction. */
  synchronized void trialProposed(int id, Sample sample, String strategyState) {
    transaction(() -> {
      update("INSERT INTO trial (id, sample, state) VALUES (?, ?, ?)", id, sample.toJson(), TrialState.WAITING.name());
      update("INSERT INTO strategy_state (at, state) VALUES (?, ?)", System.currentTimeMillis(), strategyState);
    });
  }

  synchronized void trialStarted(int id) {
    transaction(() -> {
      update("UPDATE trial SET state = ?, started_at = ?, ended_at = NULL, final_metric = NULL, failure = NULL WHERE id = ?",
          TrialState.RUNNING.name(), System.currentTimeMillis(), id);
      update("DELETE FROM metric WHERE trial_id = ?", id);
    });
  }

  synchronized void trialArchitecture(int id, String hash) {
    transaction(() -> update("UPDATE trial SET architecture = ? WHERE id = ?", hash, id));
  }

  synchronized void metric(int id, double value) {
    transaction(() -> update("INSERT INTO metric (trial_id, seq, value, at) VALUES (?, (SELECT COUNT(*) FROM metric WHERE trial_id = ?), ?, ?)",
        id, id, value, System.currentTimeMillis()));
  }

  synchronized void trialFinished(Trial trial) {
    transaction(() -> update("UPDATE trial SET state = ?, ended_at = ?, final_metric = ?, failure = ? WHERE id = ?",
        trial.state().name(), System.currentTimeMillis(),
        trial.finalMetric().isPresent() ? trial.finalMetric().getAsDouble() : null, trial.failure(), trial.id()));
  }

  synchronized void strategyState(String state) {
    transaction(() -> update("INSERT INTO strategy_state (at, state) VALUES (?, ?)", System.currentTimeMillis(), state));
  }

  synchronized void event(String kind, String message) {
    transaction(() -> update("INSERT INTO event (at, kind, message) VALUES (?, ?, ?)", System.currentTimeMillis(), kind, message));
  }

  // ---- reads ------------------------------------------------------------------------------

  /** A trial as recorded. */
  public record StoredTrial(int id, Sample sample, String architecture, TrialState state, Long startedAt,
      Long endedAt, OptionalDouble finalMetric, String failure, List<Double> intermediate) {}

  /** One line of the event log. */
  public record Event(long at, String kind, String message) {}

  public synchronized Optional<String> get(String key) {
    return query("SELECT value FROM experiment WHERE key = ?", rs -> rs.getString(1), key).stream().findFirst();
  }

  public synchronized List<StoredTrial> trials() {
    List<StoredTrial> out = new ArrayList<>();
    for (Object[] row : query("SELECT id, sample, architecture, state, started_at, ended_at, final_metric, failure FROM trial ORDER BY id",
        rs -> new Object[] {rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), (Long) rs.getObject(5),
            (Long) rs.getObject(6), (Double) rs.getObject(7), rs.getString(8)})) {
      int id = (Integer) row[0];
      List<Double> metrics = query("SELECT value FROM metric WHERE trial_id = ? ORDER BY seq", rs -> rs.getDouble(1), id);
      out.add(new StoredTrial(id, Sample.fromJson((String) row[1]), (String) row[2], TrialState.valueOf((String) row[3]),
          (Long) row[4], (Long) row[5], row[6] == null ? OptionalDouble.empty() : OptionalDouble.of((Double) row[6]),
          (String) row[7], metrics));
    }
    return out;
  }

  public synchronized Optional<String> latestStrategyState() {
    return query("SELECT state FROM strategy_state ORDER BY seq DESC LIMIT 1", rs -> rs.getString(1)).stream().findFirst();
  }

  public synchronized List<Event> events() {
    return query("SELECT at, kind, message FROM event ORDER BY seq", rs -> new Event(rs.getLong(1), rs.getString(2), rs.getString(3)));
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot close the experiment database in " + dir, e);
    }
  }

  // ---- plumbing ---------------------------------------------------------------------------

  private interface Work {
    void run() throws SQLException;
  }

  private interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private void transaction(Work work) {
    try {
      work.run();
      db.commit();
    } catch (SQLException e) {
      try {
        db.rollback();
      } catch (SQLException ignored) {
        e.addSuppressed(ignored);
      }
      throw new IllegalStateException("cannot record in the experiment database " + dir.resolve(FILE) + ": " + e.getMessage(), e);
    }
  }

  private void update(String sql, Object... args) throws SQLException {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.executeUpdate();
    }
  }

  private <T> List<T> query(String sql, Row<T> row, Object... args) {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      List<T> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(row.read(rs));
        }
      }
      db.commit();
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the experiment database " + dir.resolve(FILE) + ": " + e.getMessage(), e);
    }
  }
}
