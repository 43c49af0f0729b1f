package dev.jnas.engine.scheduler;

import ai.djl.nn.AbstractBlock;
import dev.jnas.codegen.BlockGenerator;
import dev.jnas.codegen.GeneratedBlock;
import dev.jnas.codegen.InMemoryCompiler;
import dev.jnas.engine.ExecutionEngine;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Sample;
import dev.jnas.ir.Shape;
import dev.jnas.mutators.Mutators;
import dev.jnas.nn.FixedArchitecture;
import dev.jnas.nn.Module;
import dev.jnas.nn.Tracer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The engine's half of the compiler path: sample, frozen IR (mutators on the traced space, or the
 * fixed architecture traced), generated source, compiled class files. The class files are what a
 * trial runs, wherever it runs; they are cached by architecture hash, so a second trial of one
 * architecture compiles nothing.
 */
public final class TrialPreparer implements AutoCloseable {
  /** An architecture's frozen IR and generated source. */
  public record Generated(Graph frozen, GeneratedBlock block) {}

  private final Graph space;
  private final Supplier<? extends Module> constructor;
  private final Shape input;
  private final ExecutionEngine engine;
  private final InMemoryCompiler compiler = new InMemoryCompiler();
  private final Map<String, Map<String, byte[]>> bytecode = new ConcurrentHashMap<>();
  private final Map<String, Class<? extends AbstractBlock>> classes = new ConcurrentHashMap<>();

  public TrialPreparer(Graph space, Supplier<? extends Module> constructor, Shape input, ExecutionEngine engine) {
    this.space = space;
    this.constructor = constructor;
    this.input = input;
    this.engine = engine;
  }

  Graph frozen(Sample sample) {
    if (engine != ExecutionEngine.PURE) {
      return Mutators.freeze(space, sample);
    }
    return Tracer.trace(FixedArchitecture.instantiate(constructor, sample.decisions()), input).graph();
  }

  public Generated generate(Sample sample) {
    Graph frozen = frozen(sample);
    return new Generated(frozen, BlockGenerator.generate(frozen, space.name(), sample));
  }

  /** The block's class files, compiled once per architecture; javac's rejection is a {@code CompilationException}. */
  public Map<String, byte[]> bytecode(GeneratedBlock block) {
    return bytecode.computeIfAbsent(block.architectureHash(), hash -> compiler.bytecode(block));
  }

  /** The block's class loaded in this JVM (for the benchmark of the engine's own overhead). */
  public Class<? extends AbstractBlock> load(GeneratedBlock block) {
    return classes.computeIfAbsent(block.architectureHash(),
        hash -> InMemoryCompiler.load(AbstractBlock.class.getClassLoader(), block.qualifiedName(), bytecode(block)));
  }

  @Override
  public void close() {
    compiler.close();
  }
}
