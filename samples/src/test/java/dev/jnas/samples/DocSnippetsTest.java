package dev.jnas.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java snippet in README.md and docs/ compiles, and the ones that need nothing from outside
 * also run. A snippet that declares a type is a source file (its own imports first); one of
 * statements runs in a method, after the imports below and after the declarations of an
 * {@code <!-- context: ... -->} comment just above it (variables the page talks about).
 */
class DocSnippetsTest {
  /** What a snippet of statements may use without importing it. */
  static final String IMPORTS = """
      import static dev.jnas.nn.F.*;

      import ai.djl.nn.AbstractBlock;
      import ai.djl.nn.Block;
      import dev.jnas.codegen.*;
      import dev.jnas.engine.*;
      import dev.jnas.engine.strategy.*;
      import dev.jnas.ir.*;
      import dev.jnas.ir.op.*;
      import dev.jnas.mutators.*;
      import dev.jnas.nn.*;
      import dev.jnas.runtime.*;
      import dev.jnas.samples.*;
      import java.nio.file.*;
      import java.time.*;
      import java.util.List;
      import java.util.Map;
      """;

  private static final Pattern BLOCK = Pattern.compile("(?:<!-- context: (.*?) -->\\n)?```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern TYPE = Pattern.compile("^(?:@\\w+\\s+)*(?:public\\s+)?(?:final\\s+)?(?:class|record|interface|enum)\\s+(\\w+)",
      Pattern.MULTILINE);
  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);

  @TempDir Path dir;

  /** One ```java block of a page. */
  record Snippet(String page, int index, String context, String code) {}

  static List<Snippet> snippets(Path page) throws Exception {
    List<Snippet> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(Files.readString(page));
    while (m.find()) {
      out.add(new Snippet(page.getFileName().toString(), out.size() + 1, m.group(1), m.group(2)));
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> everyJavaSnippetCompilesAndTheSelfContainedOnesRun() throws Exception {
    Path root = Path.of("..");
    List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    List<DynamicTest> tests = new ArrayList<>();
    int total = 0;
    for (Path page : pages) {
      List<Snippet> snippets = snippets(page);
      total += snippets.size();
      if (!snippets.isEmpty()) {
        tests.add(DynamicTest.dynamicTest(page.getFileName().toString(), () -> compileAndRun(snippets)));
      }
    }
    assertTrue(total >= 10, "found only " + total + " Java snippets; has the fence changed?");
    return tests.stream();
  }

  /** Compiles a page's snippets together (a later one may use a type an earlier one declares) and runs its statements. */
  private void compileAndRun(List<Snippet> snippets) throws Exception {
    Path src = Files.createDirectories(dir.resolve(snippets.get(0).page()).resolve("src"));
    Path classes = Files.createDirectories(dir.resolve(snippets.get(0).page()).resolve("classes"));
    List<String> files = new ArrayList<>();
    List<String> runnable = new ArrayList<>();
    for (Snippet s : snippets) {
      Matcher type = TYPE.matcher(s.code());
      Path file;
      if (PACKAGE.matcher(s.code()).find() || type.find()) {
        Matcher pkg = PACKAGE.matcher(s.code());
        String name = type.find(0) ? type.group(1) : "Snippet" + s.index();
        file = pkg.find() ? src.resolve(pkg.group(1).replace('.', '/')).resolve(name + ".java") : src.resolve(name + ".java");
        // A declaration without a package: its own imports, then the page's defaults for anything it leaves out.
        String code = pkg.find(0) ? s.code() : IMPORTS + s.code();
        Files.createDirectories(file.getParent());
        Files.writeString(file, code);
      } else {
        String name = "Snippet" + s.index();
        file = src.resolve(name + ".java");
        Files.writeString(file, IMPORTS + "\npublic class " + name + " {\n  public static void run() throws Exception {\n"
            + (s.context() == null ? "" : "    " + s.context() + "\n") + s.code() + "  }\n}\n");
        if (s.context() == null) {
          runnable.add(name);
        }
      }
      files.add(file.toString());
    }
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
        "-proc:none", "-Xlint:none"));
    args.addAll(files);
    int code = ToolProvider.getSystemJavaCompiler().run(null, null, new PrintStream(errors, true, StandardCharsets.UTF_8),
        args.toArray(String[]::new));
    assertEquals(0, code, snippets.get(0).page() + "'s snippets do not compile as printed:\n" + errors.toString(StandardCharsets.UTF_8));
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      for (String name : runnable) {
        loader.loadClass(name).getMethod("run").invoke(null);
      }
    }
  }
}
