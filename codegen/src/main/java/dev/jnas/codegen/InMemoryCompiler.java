package dev.jnas.codegen;

import ai.djl.nn.AbstractBlock;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated blocks in memory with {@code javax.tools}: one file manager reused across
 * calls, several classes per javac task, the class path taken from where DJL's classes were
 * loaded (not {@code java.class.path}, which is wrong under {@code exec:java} and module paths),
 * and each class loaded by its own child class loader so that many trials never collide.
 */
public final class InMemoryCompiler implements AutoCloseable {
  private final JavaCompiler javac;
  private final StandardJavaFileManager files;
  private final List<String> options;
  private final ClassLoader parent;

  public InMemoryCompiler() {
    this(AbstractBlock.class.getClassLoader(), classPathOf(AbstractBlock.class));
  }

  /** A compiler whose generated classes see {@code parent} and compile against {@code classPath}. */
  public InMemoryCompiler(ClassLoader parent, List<Path> classPath) {
    this.javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("no Java compiler in this runtime: run jnas on a JDK, not a JRE");
    }
    this.files = javac.getStandardFileManager(null, Locale.ROOT, null);
    this.parent = parent;
    this.options = List.of("-classpath",
        classPath.stream().map(Path::toString).reduce((a, b) -> a + File.pathSeparator + b).orElse(""),
        "-Xlint:all", "-proc:none", "-g", "--release", "17");
  }

  /** The javac options, the class path grown by where the blocks' user blocks were loaded from. */
  private List<String> withUserBlocks(List<GeneratedBlock> blocks) {
    java.util.Set<String> extra = new java.util.LinkedHashSet<>();
    for (GeneratedBlock block : blocks) {
      for (String type : block.userBlocks()) {
        classPathOf(DjlBlockShapes.blockClass(type)).forEach(p -> extra.add(p.toString()));
      }
    }
    if (extra.isEmpty()) {
      return options;
    }
    List<String> out = new ArrayList<>(options);
    out.set(1, options.get(1) + File.pathSeparator + String.join(File.pathSeparator, extra));
    return out;
  }

  /** Where {@code type}'s class file or jar lies. */
  public static List<Path> classPathOf(Class<?> type) {
    try {
      return List.of(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("cannot tell where " + type.getName() + " was loaded from", e);
    }
  }

  /**
   * Compiles {@code blocks} in one javac task and loads each class in its own class loader.
   * Rejected source is a {@link CompilationException}; warnings come back in {@link Result#warnings()}.
   */
  public Result compile(List<GeneratedBlock> blocks) {
    Compiled compiled = javac(blocks);
    Map<String, Class<? extends AbstractBlock>> classes = new LinkedHashMap<>();
    compiled.bytecode().forEach((name, own) -> classes.put(name, load(parent, name, own)));
    return new Result(classes, compiled.bytecode(), compiled.warnings());
  }

  /** What one javac task wrote: each block's class files by the block's binary name, and the warnings. */
  private record Compiled(Map<String, Map<String, byte[]>> bytecode, List<String> warnings) {}

  private synchronized Compiled javac(List<GeneratedBlock> blocks) {
    Map<String, ByteArrayOutputStream> outputs = new LinkedHashMap<>();
    JavaFileManager memory = new ForwardingJavaFileManager<>(files) {
      @Override
      public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
        return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
          @Override
          public OutputStream openOutputStream() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            outputs.put(className, bytes);
            return bytes;
          }
        };
      }
    };
    List<JavaFileObject> sources = new ArrayList<>();
    for (GeneratedBlock block : blocks) {
      sources.add(new SimpleJavaFileObject(URI.create("mem:///" + block.fileName()), JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return block.source();
        }
      });
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean ok = javac.getTask(null, memory, diagnostics, withUserBlocks(blocks), null, sources).call();
    List<String> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    String firstError = null;
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      String where = where(d);
      String message = d.getMessage(Locale.ROOT);
      boolean error = d.getKind() == Diagnostic.Kind.ERROR;
      if (error && firstError == null) {
        firstError = where + message.lines().findFirst().orElse("");
      }
      (error ? errors : warnings).add(where + d.getKind().toString().toLowerCase(Locale.ROOT) + ": " + message);
    }
    if (!ok || !errors.isEmpty()) {
      errors.addAll(warnings);
      throw new CompilationException(blocks, firstError == null ? "javac failed without reporting an error" : firstError, errors);
    }
    Map<String, Map<String, byte[]>> bytecode = new LinkedHashMap<>();
    for (GeneratedBlock block : blocks) {
      Map<String, byte[]> own = new LinkedHashMap<>();
      outputs.forEach((name, bytes) -> {
        if (name.equals(block.qualifiedName()) || name.startsWith(block.qualifiedName() + "$")) {
          own.put(name, bytes.toByteArray());
        }
      });
      bytecode.put(block.qualifiedName(), Map.copyOf(own));
    }
    return new Compiled(bytecode, warnings);
  }

  /**
   * Defines a generated block's compiled classes (binary name to class file, as {@link Result#bytecode()}
   * holds them) in a class loader of their own below {@code parent}: how a trial in another JVM loads
   * the class the engine compiled, without a compiler of its own.
   */
  public static Class<? extends AbstractBlock> load(ClassLoader parent, String qualifiedName, Map<String, byte[]> classFiles) {
    try {
      return Class.forName(qualifiedName, true, new BytesClassLoader(parent, classFiles)).asSubclass(AbstractBlock.class);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("no class " + qualifiedName + " among the compiled classes " + classFiles.keySet(), e);
    }
  }

  /** {@code File.java:line:column: } of a diagnostic, or nothing when it has no source file. */
  private static String where(Diagnostic<? extends JavaFileObject> d) {
    if (d.getSource() == null) {
      return "";
    }
    String path = d.getSource().toUri().getPath();
    return path.substring(path.lastIndexOf('/') + 1) + ":" + d.getLineNumber() + ":" + d.getColumnNumber() + ": ";
  }

  /** Compiles one block and returns its class. */
  public Class<? extends AbstractBlock> compile(GeneratedBlock block) {
    return compile(List.of(block)).classes().get(block.qualifiedName());
  }

  /**
   * Compiles one block and returns its class files by binary name, for another JVM to {@link #load};
   * nothing is loaded here.
   */
  public Map<String, byte[]> bytecode(GeneratedBlock block) {
    return javac(List.of(block)).bytecode().get(block.qualifiedName());
  }

  @Override
  public void close() {
    try {
      files.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The loaded classes by binary name, each block's class files (by the block's binary name, then
   * each class's), and javac's warnings (none for jnas's own generated code).
   */
  public record Result(Map<String, Class<? extends AbstractBlock>> classes, Map<String, Map<String, byte[]>> bytecode,
      List<String> warnings) {}

  /** Defines the classes of one generated block, delegating everything else to the parent. */
  private static final class BytesClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    BytesClassLoader(ClassLoader parent, Map<String, byte[]> classes) {
      super(parent);
      this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
