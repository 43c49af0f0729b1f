package dev.jnas.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.ExperimentStore;
import dev.jnas.engine.ResumableExperiment;
import dev.jnas.engine.TutorialScore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
  void failuresAreExitOneWithOneLine() {
    Result r = jnas("run", ResumableExperiment.class.getName(), experiment.toString(), root.resolve("log").toString());
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("jnas: IllegalStateException: "), r.err());
    assertTrue(r.err().contains("already holds an experiment"), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  @Test
  void helpWorksEverywhere() {
    for (String command : new String[] {"run", "list", "view", "resume", "export", "trial", "bench"}) {
      Result r = jnas(command, "--help");
      assertEquals(0, r.code(), command);
      assertTrue(r.out().contains("Usage: jnas " + command), r.out());
    }
    assertTrue(jnas("--help").out().contains("Commands:"));
  }
}
