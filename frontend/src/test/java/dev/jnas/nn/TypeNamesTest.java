package dev.jnas.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.Conv2dOp;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What users write under {@code import dev.jnas.nn.*} never clashes with java.lang, DJL or the IR:
 * no simple name is in both {@code nn} and {@code ir.op}/{@code ir}/{@code ir.expr}, or in java.lang.
 */
class TypeNamesTest {
  /** The top-level types of {@code member}'s package, read from its class folder or jar (the reactor gives either). */
  private static Set<String> topLevelTypes(Class<?> member) throws IOException, URISyntaxException {
    Path location = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
    String packageDir = member.getPackageName().replace('.', '/');
    if (Files.isDirectory(location)) {
      return classNames(location.resolve(packageDir));
    }
    try (FileSystem jar = FileSystems.newFileSystem(location)) {
      return classNames(jar.getPath(packageDir));
    }
  }

  private static Set<String> classNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class") && !n.contains("$"))
          .map(n -> n.substring(0, n.length() - ".class".length())).collect(TreeSet::new, Set::add, Set::addAll);
    }
  }

  @Test
  void userTypesShareNoSimpleNameWithTheIr() throws Exception {
    Set<String> nn = topLevelTypes(NasModule.class);
    assertTrue(nn.contains("Conv2d") && nn.contains("LayerChoice"), nn.toString());
    for (Class<?> irMember : List.of(Conv2dOp.class, TensorShape.class, Expr.class)) {
      Set<String> clash = new TreeSet<>(topLevelTypes(irMember));
      clash.retainAll(nn);
      assertEquals(Set.of(), clash, "simple names in both dev.jnas.nn and " + irMember.getPackageName());
    }
  }

  @Test
  void noUserTypeShadowsJavaLangOrDjlShape() throws Exception {
    for (String name : topLevelTypes(NasModule.class)) {
      assertTrue(!exists("java.lang." + name), "dev.jnas.nn." + name + " clashes with java.lang." + name);
    }
    assertTrue(!topLevelTypes(TensorShape.class).contains("Shape"), "ir.Shape would clash with DJL's Shape in user code");
  }

  private static boolean exists(String className) {
    try {
      Class.forName(className);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
