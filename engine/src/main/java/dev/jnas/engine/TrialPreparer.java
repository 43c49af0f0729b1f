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

  Prepared prepare(Sample sample) {
    Graph frozen = frozen(sample);
    GeneratedBlock block = BlockGenerator.generate(frozen, space.name(), sample);
    Class<? extends AbstractBlock> type = classes.computeIfAbsent(block.architectureHash(), hash -> compiler.compile(block));
    return new Prepared(frozen, block, type);
  }

  @Override
  public void close() {
    compiler.close();
  }
}
