package dev.jnas.engine.scheduler;

import ai.djl.nn.AbstractBlock;
import dev.jnas.codegen.BlockGenerator;
import dev.jnas.codegen.GeneratedBlock;
import dev.jnas.codegen.GeneratedSupernet;
import dev.jnas.codegen.SupernetGenerator;
import dev.jnas.codegen.InMemoryCompiler;
import dev.jnas.engine.ExecutionEngine;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Sample;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.Choice;
import dev.jnas.mutators.Mutator;
import dev.jnas.mutators.Mutators;
import dev.jnas.nn.FixedArchitecture;
import dev.jnas.nn.NasModule;
import dev.jnas.nn.Tracer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The engine's half of the compiler path: sample, frozen IR (mutators on the traced space, or the
 * fixed architecture traced), generated source, compiled class files. The class files are what a
 * trial runs, wherever it runs; they are cached by architecture hash, so a second trial of one
 * architecture compiles nothing. Custom mutators run here, in the engine, on both engines: a trial
 * receives their result (frozen IR, source, classes), never the mutators.
 */
public final class TrialPreparer implements AutoCloseable {
  /** An architecture's frozen IR and generated source. */
  public record Generated(Graph frozen, GeneratedBlock block) {}

  private final Graph space;
  private final Supplier<? extends NasModule> constructor;
  private final List<TensorShape> inputs;
  private final ExecutionEngine engine;
  private final List<Mutator> custom;
  private final Set<String> customLabels;
  private final InMemoryCompiler compiler = new InMemoryCompiler();
  private final Map<String, Map<String, byte[]>> bytecode = new ConcurrentHashMap<>();
  private final Map<String, Class<? extends AbstractBlock>> classes = new ConcurrentHashMap<>();
  private GeneratedSupernet supernet;

  public TrialPreparer(Graph space, Supplier<? extends NasModule> constructor, TensorShape input, ExecutionEngine engine) {
    this(space, constructor, List.of(input), engine, List.of());
  }

  public TrialPreparer(Graph space, Supplier<? extends NasModule> constructor, List<TensorShape> inputs, ExecutionEngine engine,
      List<Mutator> custom) {
    this.space = space;
    this.constructor = constructor;
    this.inputs = List.copyOf(inputs);
    this.engine = engine;
    this.custom = List.copyOf(custom);
    this.customLabels = Mutators.customChoices(space, this.custom).stream().map(Choice::label).collect(Collectors.toSet());
  }

  /**
   * BASE: the custom mutators, then the built-in ones, on the traced space. PURE: the space class
   * instantiated with the model's decisions and traced (placeholders stay placeholders), then the
   * custom mutators on that trace; the built-ins find nothing left. Both give the same graph for a
   * mutator that acts on what both traces share (placeholders and ops by label, as
   * {@code PlaceholderMutator} does).
   */
  Graph frozen(Sample sample) {
    if (engine != ExecutionEngine.PURE) {
      return Mutators.freeze(space, sample, custom);
    }
    Map<String, Object> own = new LinkedHashMap<>(sample.decisions());
    own.keySet().removeAll(customLabels);
    Graph fixed = Tracer.trace(FixedArchitecture.instantiate(constructor, own), inputs.toArray(TensorShape[]::new)).graph();
    return custom.isEmpty() ? fixed : Mutators.freeze(fixed, sample, custom);
  }

  /** The space's supernet, for a one-shot strategy's trial (generated once). */
  public synchronized GeneratedSupernet supernet() {
    if (supernet == null) {
      supernet = SupernetGenerator.generate(space, space.name());
    }
    return supernet;
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
