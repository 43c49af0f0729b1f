package dev.jnas.engine.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.Trial;
import dev.jnas.engine.TrialState;
import dev.jnas.ir.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  /**
   * The schema version; 2 added {@code trial.told}, 3 {@code trial.waiting} and the experiment's id,
   * 4 metric maps ({@code trial.final_metrics}, {@code metric.metrics}, {@code metric.value}
   * nullable) and {@code trial.seed}.
   */
  static final int SCHEMA = 4;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String METRIC_TABLE = "CREATE TABLE metric (trial_id INTEGER NOT NULL REFERENCES trial(id),"
      + " seq INTEGER NOT NULL, value REAL, at INTEGER NOT NULL, metrics TEXT, PRIMARY KEY (trial_id, seq))";

  /** What an experiment's process recorded about its run; a RUNNING one whose lock is free was killed. */
  public enum Status {
    RUNNING,
    DONE,
    STOPPED
  }

  private final Connection db;
  private final Path dir;

  private ExperimentStore(Path dir, Connection db) {
    this.dir = dir;
    this.db = db;
  }

  /**
   * Creates the store of a new experiment; an error if {@code dir} already holds one. The database
   * is built under a temporary name and renamed into place, so a crash at any point leaves either
   * a complete store or none (only a temporary file that the next create replaces).
   */
  public static ExperimentStore create(Path dir, String configJson, String spaceIr, String searchSpace) {
    Path file = dir.resolve(FILE);
    if (Files.exists(file) && !isIncomplete(dir)) {
      throw new IllegalStateException(dir + " already holds an experiment; resume it or choose another experimentDir");
    }
    Path building = dir.resolve(FILE + ".creating");
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(building);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the experiment directory " + dir + ": " + e.getMessage(), e);
    }
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + building.toAbsolutePath())) {
      db.setAutoCommit(false);
      try (Statement s = db.createStatement()) {
        s.executeUpdate("CREATE TABLE experiment (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        s.executeUpdate("CREATE TABLE trial (id INTEGER PRIMARY KEY, sample TEXT NOT NULL, architecture TEXT,"
            + " state TEXT NOT NULL, started_at INTEGER, ended_at INTEGER, final_metric REAL, failure TEXT,"
            + " told INTEGER NOT NULL DEFAULT 0, waiting TEXT, final_metrics TEXT, seed INTEGER, progress_done INTEGER, progress_total INTEGER)");
        s.executeUpdate(METRIC_TABLE);
        s.executeUpdate("CREATE TABLE strategy_state (seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, state TEXT NOT NULL)");
        s.executeUpdate("CREATE TABLE event (seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, kind TEXT NOT NULL, message TEXT NOT NULL)");
      }
      try (PreparedStatement put = db.prepareStatement("INSERT INTO experiment (key, value) VALUES (?, ?)")) {
        for (String[] kv : new String[][] {{"schema", Integer.toString(SCHEMA)}, {"id", newId()}, {"config", configJson}, {"space", spaceIr},
            {"search_space", searchSpace}, {"status", Status.RUNNING.name()}, {"elapsed_ms", "0"}}) {
          put.setString(1, kv[0]);
          put.setString(2, kv[1]);
          put.executeUpdate();
        }
      }
      db.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the experiment database in " + dir + ": " + e.getMessage(), e);
    }
    try {
      Files.deleteIfExists(file);
      Files.move(building, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the new experiment database into place in " + dir + ": " + e.getMessage(), e);
    }
    return connect(dir);
  }

  /**
   * Whether {@code dir} holds an {@value #FILE} without an experiment in it: what an older jnas left
   * when killed between creating the file and committing its tables. Such a file holds no data and
   * may be replaced.
   */
  public static boolean isIncomplete(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'experiment'")) {
      return rs.next() && rs.getInt(1) == 0;
    } catch (SQLException e) {
      return false;
    }
  }

  /** Opens the store of an existing experiment to read it. */
  public static ExperimentStore open(Path dir) {
    if (!Files.isRegularFile(dir.resolve(FILE))) {
      throw new IllegalArgumentException(dir + " holds no jnas experiment (no " + FILE + ")");
    }
    if (isIncomplete(dir)) {
      throw new IllegalStateException(dir + " holds an empty " + FILE + " (an experiment killed while creating it):"
          + " nothing was recorded; run the experiment again with this directory to reuse it");
    }
    return connect(dir);
  }

  /** Opens the store of an existing experiment to continue it, bringing an older schema up to date. */
  public static ExperimentStore openForWriting(Path dir) {
    ExperimentStore store = open(dir);
    try {
      store.migrate();
      return store;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Brings an older store up to date: schema 1 kept no acknowledgements from the strategy (every
   * finished trial then counts as told), schema 2 no waiting reasons and no experiment id, schema 3
   * kept one number per report and no seeds.
   */
  private void migrate() {
    transaction(() -> {
      if (!hasColumn("trial", "told")) {
        update("ALTER TABLE trial ADD COLUMN told INTEGER NOT NULL DEFAULT 0");
        update("UPDATE trial SET told = 1 WHERE state IN ('SUCCEEDED', 'FAILED')");
      }
      if (!hasColumn("trial", "waiting")) {
        update("ALTER TABLE trial ADD COLUMN waiting TEXT");
      }
      if (!hasColumn("trial", "final_metrics")) {
        update("ALTER TABLE trial ADD COLUMN final_metrics TEXT");
        update("ALTER TABLE trial ADD COLUMN seed INTEGER");
      }
      if (!hasColumn("trial", "progress_done")) {
        update("ALTER TABLE trial ADD COLUMN progress_done INTEGER");
        update("ALTER TABLE trial ADD COLUMN progress_total INTEGER");
      }
      if (!hasColumn("metric", "metrics")) {
        // SQLite cannot drop a NOT NULL: the metric table is rebuilt with its rows.
        update("ALTER TABLE metric RENAME TO metric_v3");
        update(METRIC_TABLE);
        update("INSERT INTO metric (trial_id, seq, value, at) SELECT trial_id, seq, value, at FROM metric_v3");
        update("DROP TABLE metric_v3");
      }
      update("INSERT INTO experiment (key, value) VALUES ('id', ?) ON CONFLICT(key) DO NOTHING", newId());
      update("INSERT INTO experiment (key, value) VALUES ('schema', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
          Integer.toString(SCHEMA));
    });
  }

  private boolean hasColumn(String table, String column) throws SQLException {
    try (PreparedStatement s = db.prepareStatement("SELECT 1 FROM pragma_table_info(?) WHERE name = ?")) {
      s.setString(1, table);
      s.setString(2, column);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** A short random id, unique enough to tell an experiment's batch jobs from any other's. */
  private static String newId() {
    byte[] bytes = new byte[4];
    new java.security.SecureRandom().nextBytes(bytes);
    return java.util.HexFormat.of().formatHex(bytes);
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

  public synchronized void put(String key, String value) {
    transaction(() -> update("INSERT INTO experiment (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value));
  }

  /** A new trial and the strategy's state after proposing it, in one transaction. */
  public synchronized void trialProposed(int id, Sample sample, String strategyState) {
    transaction(() -> {
      update("INSERT INTO trial (id, sample, state) VALUES (?, ?, ?)", id, sample.toJson(), TrialState.WAITING.name());
      update("INSERT INTO strategy_state (at, state) VALUES (?, ?)", System.currentTimeMillis(), strategyState);
    });
  }

  /** Why a trial waits (a batch scheduler's reason), shown until it starts; null clears it. */
  public synchronized void trialWaiting(int id, String reason) {
    transaction(() -> update("UPDATE trial SET waiting = ? WHERE id = ?", reason, id));
  }

  /** The trial started with {@code seed}; what an earlier start of it reported is dropped. */
  public synchronized void trialStarted(int id, long seed) {
    transaction(() -> {
      update("UPDATE trial SET state = ?, started_at = ?, ended_at = NULL, final_metric = NULL, final_metrics = NULL, failure = NULL,"
          + " waiting = NULL, seed = ?, progress_done = NULL, progress_total = NULL WHERE id = ?",
          TrialState.RUNNING.name(), System.currentTimeMillis(), seed, id);
      update("DELETE FROM metric WHERE trial_id = ?", id);
    });
  }

  /** How far a running trial is inside: {@code done} of {@code total} steps. */
  public synchronized void trialProgress(int id, long done, long total) {
    transaction(() -> update("UPDATE trial SET progress_done = ?, progress_total = ? WHERE id = ?", done, total, id));
  }

  public synchronized void trialArchitecture(int id, String hash) {
    transaction(() -> update("UPDATE trial SET architecture = ? WHERE id = ?", hash, id));
  }

  /** An intermediate report: every metric, and {@code value}, the ranking one (null when the report lacks it). */
  public synchronized void metric(int id, Double value, Map<String, Double> metrics) {
    transaction(() -> update("INSERT INTO metric (trial_id, seq, value, at, metrics) VALUES (?, (SELECT COUNT(*) FROM metric"
        + " WHERE trial_id = ?), ?, ?, ?)", id, id, value, System.currentTimeMillis(), json(metrics)));
  }

  public synchronized void trialFinished(Trial trial) {
    transaction(() -> update("UPDATE trial SET state = ?, ended_at = ?, final_metric = ?, final_metrics = ?, failure = ? WHERE id = ?",
        trial.state().name(), System.currentTimeMillis(),
        trial.finalMetric().isPresent() ? trial.finalMetric().getAsDouble() : null,
        trial.metrics().isEmpty() ? null : json(trial.metrics()), trial.failure(), trial.id()));
  }

  private static String json(Map<String, Double> metrics) {
    try {
      return JSON.writeValueAsString(metrics);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, Double> metricsOf(int id, String json) {
    if (json == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Double>>() {});
    } catch (JsonProcessingException e) {
      throw corrupt("trial " + id + " has unreadable metrics " + json + ": " + e.getOriginalMessage(), e);
    }
  }

  /**
   * The strategy's state after it was told trial {@code id}'s result, and the mark that it was told,
   * in one transaction: a resumed experiment tells the strategy exactly the results it never saw.
   */
  public synchronized void strategyTold(int id, String state) {
    transaction(() -> {
      update("INSERT INTO strategy_state (at, state) VALUES (?, ?)", System.currentTimeMillis(), state);
      update("UPDATE trial SET told = 1 WHERE id = ?", id);
    });
  }

  /** Finished trials whose results the strategy's recorded state has not seen, by id. */
  public synchronized List<Integer> untold() {
    return query("SELECT id FROM trial WHERE told = 0 AND state IN ('SUCCEEDED', 'FAILED', 'INFEASIBLE', 'EARLY_STOPPED') ORDER BY id",
        rs -> rs.getInt(1));
  }

  public synchronized void event(String kind, String message) {
    transaction(() -> update("INSERT INTO event (at, kind, message) VALUES (?, ?, ?)", System.currentTimeMillis(), kind, message));
  }

  // ---- reads ------------------------------------------------------------------------------

  /**
   * A trial as recorded: {@code told} whether the strategy heard how it ended, {@code waiting} why
   * it waits (null unless waiting for a reason the training service gave), {@code finalMetric} and
   * {@code intermediate} the ranking metric, {@code finalMetrics} and {@code intermediateMetrics}
   * every key reported (empty maps in a store older than schema 4), {@code seed} null until it
   * started.
   */
  public record StoredTrial(int id, Sample sample, String architecture, TrialState state, Long startedAt,
      Long endedAt, OptionalDouble finalMetric, String failure, List<Double> intermediate, boolean told, String waiting,
      Map<String, Double> finalMetrics, List<Map<String, Double>> intermediateMetrics, Long seed, Progress progress) {}

  /** How far a trial got inside: {@code done} of {@code total} steps. */
  public record Progress(long done, long total) {}

  /** One line of the event log. */
  public record Event(long at, String kind, String message) {}

  public synchronized Optional<String> get(String key) {
    return query("SELECT value FROM experiment WHERE key = ?", rs -> rs.getString(1), key).stream().findFirst();
  }

  public synchronized List<StoredTrial> trials() {
    // Readers never migrate (one writer): a store of an older schema reads with the columns it has.
    boolean told = hasColumnQuietly("trial", "told");
    boolean waiting = hasColumnQuietly("trial", "waiting");
    boolean maps = hasColumnQuietly("trial", "final_metrics");
    boolean progress = hasColumnQuietly("trial", "progress_done");
    List<StoredTrial> out = new ArrayList<>();
    for (Object[] row : query("SELECT id, sample, architecture, state, started_at, ended_at, final_metric, failure, "
        + (told ? "told" : "1") + ", " + (waiting ? "waiting" : "NULL") + ", " + (maps ? "final_metrics, seed" : "NULL, NULL")
        + ", " + (progress ? "progress_done, progress_total" : "NULL, NULL") + " FROM trial ORDER BY id",
        rs -> new Object[] {rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), (Long) rs.getObject(5),
            (Long) rs.getObject(6), (Double) rs.getObject(7), rs.getString(8), rs.getInt(9), rs.getString(10), rs.getString(11),
            rs.getObject(12) == null ? null : rs.getLong(12),
            rs.getObject(13) == null ? null : new Progress(rs.getLong(13), rs.getLong(14))})) {
      int id = (Integer) row[0];
      List<Double> values = new ArrayList<>();
      List<Map<String, Double>> reports = new ArrayList<>();
      for (Object[] m : query("SELECT value, " + (maps ? "metrics" : "NULL") + " FROM metric WHERE trial_id = ? ORDER BY seq",
          rs -> new Object[] {rs.getObject(1) == null ? null : rs.getDouble(1), rs.getString(2)}, id)) {
        if (m[0] != null) {
          values.add((Double) m[0]);
        }
        reports.add(m[1] != null ? metricsOf(id, (String) m[1]) : m[0] != null ? Map.of("default", (Double) m[0]) : Map.of());
      }
      out.add(new StoredTrial(id, sampleOf(id, (String) row[1]), (String) row[2], stateOf(id, (String) row[3]),
          (Long) row[4], (Long) row[5], row[6] == null ? OptionalDouble.empty() : OptionalDouble.of((Double) row[6]),
          (String) row[7], values, (Integer) row[8] != 0, (String) row[9], metricsOf(id, (String) row[10]), reports, (Long) row[11],
          (Progress) row[12]));
    }
    return out;
  }

  private boolean hasColumnQuietly(String table, String column) {
    try {
      return hasColumn(table, column);
    } catch (SQLException e) {
      throw corrupt("cannot read the table " + table + ": " + e.getMessage(), e);
    }
  }

  private TrialState stateOf(int id, String state) {
    try {
      return TrialState.valueOf(state);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw corrupt("trial " + id + " has the unknown state '" + state + "' (known: "
          + java.util.Arrays.toString(TrialState.values()) + ")", e);
    }
  }

  private Sample sampleOf(int id, String json) {
    try {
      return Sample.fromJson(json);
    } catch (RuntimeException e) {
      throw corrupt("trial " + id + " has an unreadable sample " + json + ": " + e.getMessage(), e);
    }
  }

  /** A record of this experiment that cannot be read, named so the user can find it. */
  public CorruptExperimentException corrupt(String what, Exception cause) {
    return new CorruptExperimentException("experiment " + dir + ": " + what, cause);
  }

  /** A store whose records cannot be read back: the message names the experiment and the record. */
  public static final class CorruptExperimentException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    CorruptExperimentException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The config the experiment was started with. */
  public synchronized ExperimentConfig config() {
    String json = get("config").orElseThrow(() -> corrupt("no config is recorded", null));
    try {
      return ExperimentConfig.fromJson(json);
    } catch (IllegalArgumentException e) {
      throw corrupt("the recorded config is unreadable: " + e.getMessage(), e);
    }
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
      throw new CorruptExperimentException("experiment " + dir + ": cannot read " + FILE + ": " + e.getMessage(), e);
    }
  }
}
