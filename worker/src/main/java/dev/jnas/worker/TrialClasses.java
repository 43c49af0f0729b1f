package dev.jnas.worker;

import ai.djl.nn.AbstractBlock;
import dev.jnas.codegen.GeneratedBlock;
import dev.jnas.codegen.InMemoryCompiler;
import dev.jnas.runtime.Evaluator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/** What a trial's spec carries, made live again in this JVM: the generated block's class and the evaluator. */
public final class TrialClasses {
  private TrialClasses() {}

  /** The trial's block class, defined from the class files the engine compiled (compiled here only if none came). */
  public static Class<? extends AbstractBlock> blockClass(TrialSpec spec) {
    if (!spec.hasBlock()) {
      return null;
    }
    ClassLoader parent = AbstractBlock.class.getClassLoader();
    if (!spec.classFiles().isEmpty()) {
      return InMemoryCompiler.load(parent, spec.className(), spec.classFiles());
    }
    int dot = spec.className().lastIndexOf('.');
    GeneratedBlock block = new GeneratedBlock(dot < 0 ? "" : spec.className().substring(0, dot),
        spec.className().substring(dot + 1), spec.source(), spec.architecture());
    try (InMemoryCompiler compiler = new InMemoryCompiler()) {
      return compiler.compile(block);
    }
  }

  /**
   * The evaluator as bytes that can travel to another JVM; a clear error naming what cannot travel
   * (a captured object that is not {@code Serializable}, typically) and what to do instead.
   */
  public static byte[] serialize(Evaluator evaluator) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(evaluator);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException("the evaluator cannot travel to a worker JVM: it holds a " + e.getMessage()
          + ", which is not Serializable. Trials run in their own JVM: give the evaluator only Serializable"
          + " settings (a static method reference, or a lambda capturing numbers, strings, MnistData or other"
          + " evaluators; a path as a String; not a list to collect results in, a logger or an open resource),"
          + " make that class Serializable,"
          + " or run in this JVM with trainingService(TrainingServiceKind.IN_PROCESS)", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("the evaluator cannot travel to a worker JVM: " + e.getMessage(), e);
    }
    byte[] serialized = bytes.toByteArray();
    deserialize(serialized); // what cannot come back fails here, at the start, not in every trial
    return serialized;
  }

  /** The evaluator back from {@link #serialize}, its classes loaded from this JVM's class path. */
  public static Evaluator deserialize(byte[] serialized) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
        ? Thread.currentThread().getContextClassLoader() : TrialClasses.class.getClassLoader();
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialized)) {
      @Override
      protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
        try {
          return Class.forName(desc.getName(), false, loader);
        } catch (ClassNotFoundException e) {
          return super.resolveClass(desc);
        }
      }
    }) {
      return (Evaluator) in.readObject();
    } catch (InvalidClassException e) {
      throw new IllegalArgumentException("the evaluator cannot be re-created in a worker JVM: " + e.getMessage()
          + " (a Serializable class needs its first non-Serializable superclass to have a no-arg constructor)", e);
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalArgumentException("the evaluator cannot be re-created in a worker JVM: " + e, e);
    }
  }
}
