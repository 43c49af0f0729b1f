package dev.jnas.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public method, constructor and type of the user-facing API has a Javadoc comment: the
 * model-space API ({@code dev.jnas.nn}), the runtime evaluators use, the experiment's config and
 * entry point, and the strategies. Methods marked {@code @Override} inherit theirs. A line-based
 * scan: a declaration must follow (past its annotations) a line ending in {@code *}{@code /}.
 */
class JavadocCoverageTest {
  private static final List<Path> SOURCES = List.of(
      Path.of("..", "frontend", "src", "main", "java", "dev", "jnas", "nn"),
      Path.of("..", "runtime", "src", "main", "java", "dev", "jnas", "runtime"),
      Path.of("..", "engine", "src", "main", "java", "dev", "jnas", "engine", "ExperimentConfig.java"),
      Path.of("..", "engine", "src", "main", "java", "dev", "jnas", "engine", "NasExperiment.java"),
      Path.of("..", "engine", "src", "main", "java", "dev", "jnas", "engine", "strategy"),
      Path.of("..", "engine", "src", "main", "java", "dev", "jnas", "engine", "export"),
      Path.of("..", "engine", "src", "main", "java", "dev", "jnas", "engine", "Formatter.java"),
      Path.of("..", "engine", "src", "main", "java", "dev", "jnas", "engine", "MetricLimit.java"),
      Path.of("..", "engine", "src", "main", "java", "dev", "jnas", "engine", "MedianStop.java"),
      Path.of("..", "engine", "src", "main", "java", "dev", "jnas", "engine", "Trial.java"),
      Path.of("..", "engine", "src", "main", "java", "dev", "jnas", "engine", "TrialState.java"),
      Path.of("..", "engine", "src", "main", "java", "dev", "jnas", "engine", "ExperimentView.java"));

  private static final Pattern TYPE = Pattern.compile("^public\\s+([a-z]+\\s+)*(class|interface|enum|record|@interface)\\s.*");
  private static final Pattern LEADING_ANNOTATIONS = Pattern.compile("^(@[A-Za-z.]+(\\([^()]*\\))?\\s+)+");
  /** A method declared in an interface without {@code public}: a return type, a name and a parenthesis. */
  private static final Pattern INTERFACE_METHOD =
      Pattern.compile("^((default|static|abstract)\\s+)*(<[^>]*>\\s*)?[\\w.<>\\[\\], ?]+\\s+\\w+\\(.*");

  @Test
  void everyPublicDeclarationOfTheUserFacingApiHasJavadoc() throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path source : SOURCES) {
      assertTrue(Files.exists(source), source + " is missing: run the test from the samples module");
      if (Files.isDirectory(source)) {
        try (Stream<Path> s = Files.list(source)) {
          s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
        }
      } else {
        files.add(source);
      }
    }
    assertTrue(files.size() > 50, "found only " + files.size() + " source files");
    List<String> missing = new ArrayList<>();
    for (Path file : files) {
      missing.addAll(undocumented(file));
    }
    assertTrue(missing.isEmpty(), missing.size() + " public declarations lack Javadoc:\n" + String.join("\n", missing));
  }

  /** {@code file:line declaration} for every public declaration of {@code file} without Javadoc. */
  static List<String> undocumented(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<String> out = new ArrayList<>();
    boolean inComment = false;
    boolean interfaceFile = false;
    int depth = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (inComment) {
        inComment = !line.contains("*/");
        continue;
      }
      if (line.startsWith("/*") && !line.contains("*/")) {
        inComment = true;
        continue;
      }
      String decl = LEADING_ANNOTATIONS.matcher(line).replaceFirst("");
      boolean overrideOnLine = !decl.equals(line) && line.contains("@Override");
      boolean declaration;
      if (decl.startsWith("public ")) {
        int paren = decl.indexOf('(');
        int assign = decl.indexOf('=');
        declaration = TYPE.matcher(decl).matches() || paren >= 0 && (assign < 0 || assign > paren);
        if (depth == 0 && TYPE.matcher(decl).matches()) {
          interfaceFile = decl.matches(".*\\s(interface|@interface)\\s.*");
        }
      } else {
        // An interface's members are public without saying so.
        declaration = interfaceFile && depth == 1 && !decl.startsWith("private ") && !decl.startsWith("return ")
            && INTERFACE_METHOD.matcher(decl).matches();
      }
      depth += braces(line);
      if (!declaration || overrideOnLine) {
        continue;
      }
      int j = i - 1;
      boolean override = false;
      while (j >= 0 && lines.get(j).strip().startsWith("@")) {
        override |= lines.get(j).strip().startsWith("@Override");
        j--;
      }
      if (!override && (j < 0 || !lines.get(j).stripTrailing().endsWith("*/"))) {
        out.add(file.getFileName() + ":" + (i + 1) + " " + decl);
      }
    }
    return out;
  }

  /** Opening minus closing braces on a code line, ignoring string and char literals and a trailing comment. */
  private static int braces(String line) {
    String code = line.replaceAll("\"([^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("'([^'\\\\]|\\\\.)*'", "''");
    int comment = code.indexOf("//");
    if (comment >= 0) {
      code = code.substring(0, comment);
    }
    if (code.startsWith("*")) {
      return 0;
    }
    int n = 0;
    for (char c : code.toCharArray()) {
      n += c == '{' ? 1 : c == '}' ? -1 : 0;
    }
    return n;
  }
}
