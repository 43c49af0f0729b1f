package dev.jnas.engine.service;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a worker JVM is started with, taken from the engine's own JVM: the same java, the same
 * classes (so the user's evaluator and space classes are there), and the engine's DJL and logging
 * settings.
 */
public final class WorkerJvm {
  private WorkerJvm() {}

  /** The java launcher of this JVM. */
  public static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /**
   * This JVM's class path as a worker needs it: the entries of the class loaders above the
   * context one (where {@code mvn exec:java} and IDEs put the project's classes), then
   * {@code java.class.path} (where {@code java -cp} and {@code -jar} put them; a jar's manifest
   * Class-Path is followed by the worker's JVM as by this one).
   */
  public static String classPath() {
    Set<String> entries = new LinkedHashSet<>();
    List<URLClassLoader> loaders = new ArrayList<>();
    for (ClassLoader l = Thread.currentThread().getContextClassLoader(); l != null; l = l.getParent()) {
      if (l instanceof URLClassLoader u) {
        loaders.add(0, u);
      }
    }
    for (URLClassLoader loader : loaders) {
      for (URL url : loader.getURLs()) {
        try {
          entries.add(Path.of(url.toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
          // Not a file: nothing a worker could load from.
        }
      }
    }
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  /**
   * The engine's settings that a worker keeps (DJL's, such as offline mode and caches, and SLF4J's;
   * not the thread counts, which the service sets per worker), then the user's own options.
   */
  public static List<String> options(List<String> user) {
    List<String> options = new ArrayList<>();
    for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
      String key = e.getKey().toString();
      if ((key.startsWith("ai.djl.") || key.startsWith("org.slf4j.")) && !key.startsWith("ai.djl.pytorch.num_")) {
        options.add("-D" + key + "=" + e.getValue());
      }
    }
    options.sort(null);
    options.addAll(user);
    return options;
  }
}
