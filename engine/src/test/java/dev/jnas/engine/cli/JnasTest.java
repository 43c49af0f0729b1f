package dev.jnas.engine.cli;

import static dev.jnas.engine.ExperimentFiles.copy;
import static dev.jnas.engine.ExperimentFiles.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.ResumableExperiment;
import dev.jnas.engine.TutorialScore;
import dev.jnas.engine.store.ExperimentStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JnasTest {
  @TempDir static Path root;
  static Path experiment;

  /** What one command printed and returned. */
  record Result(int code, String out, String err) {}

  static Result jnas(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Jnas.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  @BeforeAll
  static void runAnExperimentThroughTheCli() {
    experiment = root.resolve("resumable-1");
    Result run = jnas("run", ResumableExperiment.class.getName(), experiment.toString(), root.resolve("log").toString());
    assertEquals(0, run.code(), run.err());
  }

  @Test
  void runPassesOptionsAfterTheMainClassToIt() {
    Result r = jnas("run", EchoMain.class.getName(), "--max-trials", "2", "-x");
    assertEquals(0, r.code(), r.err());
    assertEquals(java.util.List.of("--max-trials", "2", "-x"), EchoMain.last);
  }

  /** A main class that remembers its arguments. */
  public static final class EchoMain {
    static java.util.List<String> last;

    public static void main(String[] args) {
      last = java.util.List.of(args);
    }
  }

  @Test
  void listShowsTheExperiment() {
    Result r = jnas("list", "--root", root.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("resumable-1"), r.out());
    assertTrue(r.out().contains("DONE"), r.out());
    assertTrue(r.out().contains("10/10"), r.out());
  }

  @Test
  void viewByIdPrefix() {
    Result r = jnas("view", "resum", "--root", root.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("status     DONE: maxTrialNumber 10 reached"), r.out());
    assertTrue(r.out().contains("succeeded 10"), r.out());
    assertTrue(r.out().contains("space      18 architectures"), r.out());
  }

  @Test
  void exportDictsAndCode() throws Exception {
    Result dict = jnas("export", experiment.toString(), "--top", "2", "--format", "dict");
    assertEquals(0, dict.code(), dict.err());
    // The two best by TutorialScore among the trials this seed ran, computed here independently.
    List<String> expected = NasExperiment.view(experiment).trials().stream()
        .sorted(java.util.Comparator.comparingDouble((ExperimentStore.StoredTrial t) -> -TutorialScore.of(t.sample().decisions()))
            .thenComparingInt(ExperimentStore.StoredTrial::id))
        .limit(2).map(t -> t.sample().toJson()).toList();
    assertEquals(expected, dict.out().lines().toList());
    Result code = jnas("export", experiment.toString(), "--format", "code");
    assertEquals(0, code.code(), code.err());
    Path source = Path.of(code.out().trim());
    assertTrue(Files.readString(source).contains("extends AbstractBlock"));
    Result onnx = jnas("export", experiment.toString(), "--format", "onnx");
    assertEquals(1, onnx.code(), "these trials kept no trained model");
    assertTrue(onnx.err().contains("kept no trained ONNX model"), onnx.err());
  }

  @Test
  void trialShowsOneTrial() {
    Result r = jnas("trial", experiment.toString(), "3");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("state        SUCCEEDED"), r.out());
    assertTrue(r.out().contains("intermediate [0.1]"), r.out());
    assertTrue(r.out().contains("source       "), r.out());
  }

  @Test
  void resumeOfAFinishedExperimentRunsNothingMore() {
    Result r = jnas("resume", experiment.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(10, NasExperiment.view(experiment).trials().size());
  }

  @Test
  void badUsageIsExitTwoWithOneLine() {
    for (String[] args : new String[][] {
        {"view"}, {"frobnicate"}, {"export", experiment.toString(), "--format", "pdf"}, {"trial", experiment.toString(), "99"},
        {"view", "no-such-experiment", "--root", root.toString()}, {"run", "com.example.Missing"}, {}}) {
      Result r = jnas(args);
      assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
      assertEquals(1, r.err().lines().count(), r.err());
      assertTrue(r.err().startsWith("jnas: "), r.err());
    }
  }

  @Test
  void badOptionValuesAreExitTwoNamingTheOption() {
    Map<String, String[]> cases = new java.util.LinkedHashMap<>();
    cases.put("--trials", new String[] {"bench", "--trials", "0"});
    cases.put("--port", new String[] {"view", experiment.toString(), "--port", "70000"});
    cases.put("'--engine'", new String[] {"bench", "--engine", "foo"});
    cases.put("--engine must be BASE or PURE", new String[] {"bench", "--engine", "benchmark"});
    cases.put("--wait", new String[] {"stop", experiment.toString(), "--wait", "-1"});
    cases.put("'--top'", new String[] {"export", experiment.toString(), "--top", "abc"});
    cases.put("--top must be at least 1", new String[] {"export", experiment.toString(), "--top", "0"});
    cases.forEach((option, args) -> {
      Result r = jnas(args);
      assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
      assertEquals(1, r.err().lines().count(), r.err());
      assertTrue(r.err().contains(option), String.join(" ", args) + " should name " + option + ": " + r.err());
    });
  }

  @Test
  void listFlagsADamagedExperimentAndListsTheOthers() throws Exception {
    Path other = Files.createDirectories(root.resolve("lists"));
    copy(experiment, other.resolve("good"));
    Files.createDirectories(other.resolve("broken"));
    Files.writeString(other.resolve("broken").resolve(ExperimentStore.FILE), "not a database, a bad disk block");
    Result r = jnas("list", "--root", other.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("good") && l.contains("DONE") && l.contains("10/10")), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("broken") && l.contains("UNREADABLE")), r.out());
    assertTrue(r.err().contains("1 experiment under " + other + " could not be read"), r.err());
  }

  @Test
  void aCorruptRowNamesTheExperimentAndTheTrial() throws Exception {
    Path copy = root.resolve("corrupt-row");
    copy(experiment, copy);
    sql(copy, "UPDATE trial SET state = 'BOGUS' WHERE id = 3");
    Result r = jnas("view", copy.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("experiment " + copy + ": trial 3 has the unknown state 'BOGUS'"), r.err());
    sql(copy, "UPDATE trial SET state = 'SUCCEEDED', sample = '{\"conv2\": ' WHERE id = 3");
    r = jnas("trial", copy.toString(), "1");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("experiment " + copy + ": trial 3 has an unreadable sample"), r.err());
  }

  @Test
  void resumeRunsOnlyCommandsThisAccountRecorded() throws Exception {
    Path crafted = root.resolve("crafted");
    copy(experiment, crafted);
    Path evil = Files.writeString(root.resolve("Evil.java"), "class Evil {}");
    Path out = root.resolve("evil-out");
    String javac = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
        List.of("com.sun.tools.javac.Main", "-d", out.toString(), evil.toString()));
    sql(crafted, "UPDATE experiment SET value = '" + javac + "' WHERE key = 'command'");

    Result refused = jnas("resume", crafted.toString());
    assertEquals(1, refused.code());
    assertTrue(refused.err().contains("asks to run 'com.sun.tools.javac.Main -d " + out), refused.err());
    assertTrue(refused.err().contains("did not record under this account"), refused.err());
    Result trusted = jnas("resume", "--trust", crafted.toString());
    assertEquals(2, trusted.code(), "a class of the Java runtime is never run");
    assertTrue(trusted.err().contains("com.sun.tools.javac.Main is a class of the Java runtime"), trusted.err());
    assertFalse(Files.exists(out.resolve("Evil.class")), "javac never ran");

    String echo = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(List.of(EchoMain.class.getName(), "from-db"));
    sql(crafted, "UPDATE experiment SET value = '" + echo + "' WHERE key = 'command'");
    assertEquals(1, jnas("resume", crafted.toString()).code(), "an unsigned command is refused even for a harmless class");
    Result shown = jnas("resume", "--trust", crafted.toString());
    assertEquals(0, shown.code(), shown.err());
    assertTrue(shown.out().startsWith("jnas: resuming " + crafted + " by running " + EchoMain.class.getName() + " from-db"), shown.out());
    assertEquals(List.of("from-db"), EchoMain.last);
  }

  @Test
  void failuresAreExitOneWithOneLine() {
    Result r = jnas("run", ResumableExperiment.class.getName(), experiment.toString(), root.resolve("log").toString());
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("jnas: IllegalStateException: "), r.err());
    assertTrue(r.err().contains("already holds an experiment"), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  @Test
  void helpWorksEverywhere() {
    for (String command : new String[] {"run", "list", "view", "resume", "stop", "export", "trial", "bench"}) {
      Result r = jnas(command, "--help");
      assertEquals(0, r.code(), command);
      assertTrue(r.out().contains("Usage: jnas " + command), r.out());
    }
    assertTrue(jnas("--help").out().contains("Commands:"));
  }

  /** A user's program outside jnas's class path: its evaluator refers to another class of its own. */
  private static final String USER_PROGRAM = """
      package my;

      import dev.jnas.engine.ExperimentConfig;
      import dev.jnas.engine.NasExperiment;
      import dev.jnas.engine.strategy.GridSearchStrategy;
      import dev.jnas.nn.spaces.TutorialSpace;
      import dev.jnas.runtime.FunctionalEvaluator;
      import dev.jnas.runtime.ModelFactory;
      import dev.jnas.runtime.Nas;
      import java.nio.file.Path;

      public class Search {
        public static void main(String[] args) {
          new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(Search::score), new GridSearchStrategy())
              .run(ExperimentConfig.local().experimentName("own").maxTrialNumber(1).inputShape(1, 28, 28)
                  .experimentDir(Path.of(args[0])));
        }

        static void score(ModelFactory models) {
          Nas.reportFinalResult(Scores.VALUE);
        }
      }

      class Scores {
        static final double VALUE = 0.625;
      }
      """;

  @Test
  void runTakesTheProgramsClassPathGivesItToWorkersAndResumeFindsItAgain() throws Exception {
    Path classes = root.resolve("user-classes");
    Path source = root.resolve("user-src/my/Search.java");
    Files.createDirectories(source.getParent());
    Files.createDirectories(classes);
    Files.writeString(source, USER_PROGRAM);
    int javac = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
        "-cp", System.getProperty("java.class.path"), source.toString());
    assertEquals(0, javac);
    Path dir = root.resolve("own-1");

    Result missing = jnas("run", "my.Search", dir.toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("no class my.Search") && missing.err().contains("--class-path"), missing.err());

    Result run = jnas("run", "--class-path", classes.toString(), "my.Search", dir.toString());
    assertEquals(0, run.code(), run.err());
    var trial = NasExperiment.view(dir).trials().get(0);
    // The trial ran in a worker JVM, which loaded my.Search and my.Scores from the program's class path.
    assertEquals(0.625, trial.finalMetric().getAsDouble(), trial.toString());

    Result resume = jnas("resume", dir.toString());
    assertEquals(0, resume.code(), resume.err());
    assertTrue(resume.out().contains("by running --class-path " + classes + " my.Search " + dir), resume.out());

    Result wrong = jnas("run", "--class-path", root.resolve("nowhere").toString(), "my.Search", dir.toString());
    assertEquals(2, wrong.code());
    assertTrue(wrong.err().contains("--class-path entry " + root.resolve("nowhere") + " does not exist"), wrong.err());
  }
}
