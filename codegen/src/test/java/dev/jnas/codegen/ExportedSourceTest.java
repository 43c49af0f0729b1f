package dev.jnas.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.AbstractBlock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An exported block is a plain .java file that javac compiles with DJL's API jar and nothing else. */
class ExportedSourceTest {
  @TempDir Path dir;

  @Test
  void javacCompilesExportedSourceWithOnlyTheDjlApiJar() throws Exception {
    List<Path> apiJar = InMemoryCompiler.classPathOf(AbstractBlock.class);
    assertEquals(1, apiJar.size());
    assertTrue(apiJar.get(0).getFileName().toString().matches("api-[0-9.]+\\.jar"), apiJar.toString());
    GeneratedBlock block = Tutorial.generate(Tutorial.sample(1, 0.75, 128));
    Path source = dir.resolve("src").resolve(block.fileName());
    Files.createDirectories(source.getParent());
    Files.writeString(source, block.source());
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, new PrintStream(errors, true, StandardCharsets.UTF_8),
        "-classpath", apiJar.get(0).toString(), "-Xlint:all", "-Werror", "-d", dir.resolve("classes").toString(), source.toString());
    assertEquals(0, status, errors.toString(StandardCharsets.UTF_8));
    assertTrue(Files.exists(dir.resolve("classes").resolve(block.qualifiedName().replace('.', '/') + ".class")));
  }
}
