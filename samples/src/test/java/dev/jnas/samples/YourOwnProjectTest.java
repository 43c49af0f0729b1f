package dev.jnas.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/getting-started.md as a user follows it: its files, exactly as printed, become a project in
 * a fresh directory that depends on the jnas this build made (installed into a private local
 * repository that borrows the rest of {@code ~/.m2} through links, so no jnas artifact ever lands
 * there), and {@code mvn compile exec:java} runs its two-trial search in worker JVMs, then resumes it.
 */
class YourOwnProjectTest {
  private static final String VERSION = "0.1.0-SNAPSHOT";
  private static final List<String> MODULES =
      List.of("ir", "frontend", "testkit", "mutators", "codegen", "runtime", "worker", "engine", "maven-plugin");

  @TempDir Path dir;

  @Test
  void theGettingStartedProjectBuildsRunsAndResumesAgainstTheBuiltJnas() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository");
    boolean built = MODULES.stream().allMatch(m -> Files.isRegularFile(jar(root, m)));
    Assumptions.assumeTrue(built && Files.isDirectory(m2),
        "skipped: the module jars are not packaged yet (run mvn verify, as CI does) or there is no ~/.m2 to borrow from");
    Path repo = dir.resolve("repo");
    try {
      borrow(m2, repo);
      install(root, repo);
      Path project = dir.resolve("my-search");
      Map<String, String> files = filesOf(Files.readString(root.resolve("docs/getting-started.md")));
      assertEquals(List.of("pom.xml", "src/main/java/com/example/MySearch.java"), List.copyOf(files.keySet()));
      for (Map.Entry<String, String> f : files.entrySet()) {
        Files.createDirectories(project.resolve(f.getKey()).getParent());
        Files.writeString(project.resolve(f.getKey()), f.getValue());
      }
      Path experiment = dir.resolve("experiment");
      String first = mvn(project, repo, "compile", "exec:java", "-Dexec.args=" + experiment);
      assertTrue(first.contains("2 trials at most, 2 at a time"), first);
      assertTrue(!first.contains("SLF4J") && !first.contains("CUDA"), "no logging noise: " + first);
      assertEquals(2, count(first, "\\[trial \\d\\] \\{\"width\": \\d+, \"lr\": [0-9.]+\\} metric"), first);
      assertTrue(first.matches("(?s).*best: \\{width=(16|64), lr=0\\.0(1|01)\\}.*"), first);
      assertTrue(Files.list(experiment.resolve("export")).anyMatch(p -> p.toString().endsWith(".java")), "the best model's source");
      String again = mvn(project, repo, "exec:java", "-Dexec.args=" + experiment);
      assertTrue(again.contains("jnas: resuming " + experiment + ": 2 trials kept, 0 to run again"), again);
      assertTrue(again.contains("best: {width="), again);

      // The same through the jnas Maven plugin, with the project's class path.
      Path other = dir.resolve("other");
      String run = mvn(project, repo, "jnas:run", "-Djnas.mainClass=com.example.MySearch", "-Djnas.args=" + other);
      assertEquals(2, count(run, "\\[trial \\d\\] \\{\"width\": \\d+, \"lr\": [0-9.]+\\} metric"), run);
      assertTrue(run.contains("best: {width="), run);
      assertTrue(!run.contains("CUDA"), "no CUDA warning on a CPU-only machine: " + run);
      String resumed = mvn(project, repo, "jnas:resume", "-Djnas.experiment=" + other);
      assertTrue(resumed.contains("jnas: resuming " + other + " by running --class-path "), resumed);
      String csv = mvn(project, repo, "jnas:export", "-Djnas.experiment=" + other, "-Djnas.format=csv");
      assertTrue(csv.contains("trial,state,width,lr,default,accuracy,loss,duration_s,seed,reason"), csv);
      String view = mvn(project, repo, "jnas:view", "-Djnas.experiment=" + other);
      assertTrue(view.contains("experiment my-search (" + other + ")") && view.contains("searched   hyperparameters lr"), view);
      String list = mvn(project, repo, "jnas:list", "-Djnas.root=" + dir);
      assertTrue(list.contains("experiment") && list.contains("other"), list);
    } finally {
      unlink(repo);
    }
  }

  private static Path jar(Path root, String module) {
    return root.resolve(module).resolve("target").resolve("jnas-" + module + "-" + VERSION + ".jar");
  }

  /** Every fenced block the page marks with {@code <!-- file: path -->}, by path, as printed. */
  static Map<String, String> filesOf(String page) {
    Map<String, String> files = new LinkedHashMap<>();
    Matcher m = Pattern.compile("<!-- file: (\\S+) -->\\n```\\w+\\n(.*?)```", Pattern.DOTALL).matcher(page);
    while (m.find()) {
      files.put(m.group(1), m.group(2));
    }
    return files;
  }

  /** A local repository that reads everything from {@code m2} through links, except jnas's own artifacts. */
  private static void borrow(Path m2, Path repo) throws IOException {
    Files.createDirectories(repo.resolve("dev"));
    try (Stream<Path> top = Files.list(m2)) {
      for (Path p : top.toList()) {
        if (!p.getFileName().toString().equals("dev")) {
          Files.createSymbolicLink(repo.resolve(p.getFileName().toString()), p);
        }
      }
    }
    if (Files.isDirectory(m2.resolve("dev"))) {
      try (Stream<Path> dev = Files.list(m2.resolve("dev"))) {
        for (Path p : dev.toList()) {
          if (!p.getFileName().toString().equals("jnas")) {
            Files.createSymbolicLink(repo.resolve("dev").resolve(p.getFileName().toString()), p);
          }
        }
      }
    }
  }

  /** Removes the links first, so that cleaning up the temporary directory never reaches into {@code ~/.m2}. */
  private static void unlink(Path repo) throws IOException {
    if (!Files.isDirectory(repo)) {
      return;
    }
    try (Stream<Path> all = Files.walk(repo)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        if (Files.isSymbolicLink(p)) {
          Files.delete(p);
        }
      }
    }
  }

  /** Installs the parent and the packaged module jars into {@code repo}, as {@code mvn install} would, then the BOM. */
  private void install(Path root, Path repo) throws Exception {
    StringBuilder executions = new StringBuilder();
    List<String[]> artifacts = new ArrayList<>();
    artifacts.add(new String[] {"parent", root.resolve("pom.xml").toString(), root.resolve("pom.xml").toString()});
    for (String m : MODULES) {
      artifacts.add(new String[] {m, jar(root, m).toString(), root.resolve(m).resolve("pom.xml").toString()});
    }
    for (String[] a : artifacts) {
      executions.append("<execution><id>").append(a[0]).append("</id><phase>validate</phase><goals><goal>install-file</goal></goals>")
          .append("<configuration><file>").append(a[1]).append("</file><pomFile>").append(a[2]).append("</pomFile></configuration></execution>\n");
    }
    Path installer = dir.resolve("installer");
    Files.createDirectories(installer);
    Files.writeString(installer.resolve("pom.xml"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>dev.jnas.test</groupId><artifactId>installer</artifactId><version>1</version><packaging>pom</packaging>
          <build><plugins><plugin>
            <groupId>org.apache.maven.plugins</groupId><artifactId>maven-install-plugin</artifactId><version>3.1.3</version>
            <executions>
            %s</executions>
          </plugin></plugins></build>
        </project>
        """.formatted(executions));
    mvn(installer, repo, "validate");
    // The BOM stands alone (no parent), so it is installed as a user would: its own plugins must resolve.
    mvn(root.resolve("bom"), repo, "install");
  }

  /**
   * Runs Maven in {@code project} with {@code repo}; its output, or a failure showing it. Not offline:
   * a plugin the main build never ran (the install plugin, under {@code mvn verify}) may need fetching.
   */
  private static String mvn(Path project, Path repo, String... goals) throws Exception {
    List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q", "-Dmaven.repo.local=" + repo));
    command.addAll(List.of(goals));
    Process p = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "mvn " + String.join(" ", goals) + " did not finish");
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), "mvn " + String.join(" ", goals) + " in " + project + ":\n" + text);
    return text;
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
