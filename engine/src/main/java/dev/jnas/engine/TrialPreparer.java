package dev.jnas.engine;

import ai.djl.nn.AbstractBlock;
import dev.jnas.codegen.BlockGenerator;
import dev.jnas.codegen.GeneratedBlock;
import dev.jnas.codegen.InMemoryCompiler;
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
 * The per-trial compiler path: sample, frozen IR (mutators on the traced space, or the fixed
 * architecture traced), generated source, compiled class. Classes are cached by architecture
 * hash, so a second trial of one architecture compiles nothing.
 */
final class TrialPreparer implements AutoCloseable {
  /** One architecture ready to run: its source and its loaded class. */
  record Prepared(Graph frozen, GeneratedBlock block, Class<? extends AbstractBlock> type) {}

  private final Graph space;
  private final Supplier<? extends Module> constructor;
  private final Shape input;
  private final ExecutionEngine engine;
  private final InMemoryCompiler compiler = new InMemoryCompiler();
  private final Map<String, Class<? extends AbstractBlock>> classes = new ConcurrentHashMap<>();

  TrialPreparer(Graph space, Supplier<? extends Module> constructor, Shape input, ExecutionEngine engine) {
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

  /** The architecture's frozen IR and generated source, not yet compiled. */
  record Generated(Graph frozen, GeneratedBlock block) {}

  Generated generate(Sample sample) {
    Graph frozen = frozen(sample);
    return new Generated(frozen, BlockGenerator.generate(frozen, space.name(), sample));
  }

  /** Compiles (or finds compiled) the generated block and returns it ready to run. */
  Prepared load(Generated generated) {
    Class<? extends AbstractBlock> type = classes.computeIfAbsent(generated.block().architectureHash(),
        hash -> compiler.compile(generated.block()));
    return new Prepared(generated.frozen(), generated.block(), type);
  }

  Prepared prepare(Sample sample) {
    return load(generate(sample));
  }

  @Override
  public void close() {
    compiler.close();
  }
}
