package dev.jnas.engine;

import dev.jnas.engine.store.ExperimentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Test tools that damage or copy a recorded experiment on disk, as a user, a bad disk or an attacker might. */
public final class ExperimentFiles {
  private ExperimentFiles() {}

  /** Copies an experiment directory, files and all. */
  public static void copy(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** Runs one SQL update on an experiment's database, behind jnas's back. */
  public static void sql(Path experiment, String update) throws Exception {
    try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + experiment.resolve(ExperimentStore.FILE));
        var s = db.createStatement()) {
      s.executeUpdate(update);
    }
  }
}
