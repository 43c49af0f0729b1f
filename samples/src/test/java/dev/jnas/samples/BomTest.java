package dev.jnas.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** jnas-bom stays in step with the build: every library module at the build's version, and the build's DJL. */
class BomTest {
  private static String first(String xml, String regex) {
    Matcher m = Pattern.compile(regex).matcher(xml);
    return m.find() ? m.group(1) : null;
  }

  private static List<String> all(String xml, String regex) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(xml);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void theBomPinsEveryLibraryModuleAtTheBuildsVersionAndItsDjl() throws Exception {
    String parent = Files.readString(Path.of("..", "pom.xml"));
    String bom = Files.readString(Path.of("..", "bom", "pom.xml"));
    List<String> libraries = new ArrayList<>(all(parent, "<module>([a-z-]+)</module>").stream()
        .filter(m -> !m.equals("bom") && !m.equals("samples")).map(m -> "jnas-" + m).toList());
    // A plugin's version is not the BOM's to manage (Maven imports no plugin versions); the docs pin it.
    libraries.remove("jnas-maven-plugin");
    List<String> pinned = all(bom, "<groupId>dev.jnas</groupId><artifactId>(jnas-[a-z]+)</artifactId>");
    libraries.sort(null);
    pinned.sort(null);
    assertEquals(libraries, pinned, "bom/pom.xml lists every module but samples");
    assertEquals(first(parent, "<artifactId>jnas-parent</artifactId>\\s*<version>([^<]+)</version>"),
        first(bom, "<jnas.version>([^<]+)</jnas.version>"));
    assertEquals(first(bom, "<artifactId>jnas-bom</artifactId>\\s*<version>([^<]+)</version>"),
        first(bom, "<jnas.version>([^<]+)</jnas.version>"));
    assertEquals(first(parent, "<djl.version>([^<]+)</djl.version>"), first(bom, "<djl.version>([^<]+)</djl.version>"));
    assertEquals(first(parent, "<slf4j.version>([^<]+)</slf4j.version>"), first(bom, "<slf4j.version>([^<]+)</slf4j.version>"));
  }
}
