package dev.jnas.samples;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import dev.jnas.codegen.BlockGenerator;
import dev.jnas.codegen.GeneratedBlock;
import dev.jnas.codegen.GeneratedSupernet;
import dev.jnas.codegen.InMemoryCompiler;
import dev.jnas.codegen.SupernetGenerator;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Sample;
import dev.jnas.ir.TensorShape;
import dev.jnas.mutators.Mutators;
import dev.jnas.nn.Tracer;
import dev.jnas.runtime.MnistData;
import dev.jnas.runtime.OneShotResult;
import dev.jnas.runtime.OneShotTrainer;
import dev.jnas.runtime.SupernetBlock;
import dev.jnas.runtime.TrainingData;
import java.util.List;
import java.util.Locale;

/**
 * NNI's DARTS-style space as a DARTS supernet: {@link DartsSpace} with its width fixed (as NNI's
 * one-shot tutorial fixes it) and its depth still chosen, trained first-order DARTS for
 * {@code steps} weight steps (each after an architecture step) on MNIST, printing the time per step
 * and the process's resident memory as it goes; then the derived architecture is frozen, generated
 * and compiled on its own (against DJL alone) and run. Arguments: steps (300), batch (16), width
 * (8), MNIST directory.
 */
public final class DartsSupernet {
  /** What one run measured. */
  public record Report(long steps, double secondsPerStep, long residentStartMb, long residentPeakMb, long residentEndMb,
      int supernetNodes, Sample derived, int derivedSourceChars, double estimate) {}

  private DartsSupernet() {}

  public static void main(String[] args) throws Exception {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int width = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    MnistData all = MnistData.load(MnistData.locate(args.length > 3 ? args[3] : null));
    Report r = run(all, steps, batch, width, System.out);
    System.out.printf(Locale.ROOT, "a supernet of %,d nodes; %d DARTS steps (architecture + weights) at batch %d: %.2f s a step; resident memory %d MB at"
        + " the start, %d MB at most, %d MB at the end; derived %s (one-shot estimate %.4f), generated (%,d chars) and compiled"
        + " against DJL alone%n", r.supernetNodes(), r.steps(), batch, r.secondsPerStep(), r.residentStartMb(), r.residentPeakMb(), r.residentEndMb(),
        r.derived().toJson(), r.estimate(), r.derivedSourceChars());
  }

  /** Trains the supernet for {@code steps} steps of {@code batch} images and compiles what it derives; progress goes to {@code out}. */
  public static Report run(MnistData all, int steps, int batch, int width, java.io.PrintStream out) throws Exception {
    Engine.getInstance().setRandomSeed(1);
    DartsSpace model = new DartsSpace(List.of(width), List.of(1, 2));
    Graph space = Tracer.trace(model, TensorShape.batchOf(1, 28, 28)).graph();
    GeneratedSupernet supernet = SupernetGenerator.generate(space, "DartsSpace");
    // DARTS trains the weights on half the training images and the architecture on the other half.
    int images = Math.min(all.size() - 500, 2 * steps * batch);
    TrainingData data = TrainingData.of(all.slice(0, images), all.slice(all.size() - 500, all.size()));
    long start = MemoryBenchmark.residentMb();
    long[] peak = {start};
    long began = System.nanoTime();
    OneShotResult result;
    try (InMemoryCompiler compiler = new InMemoryCompiler()) {
      SupernetBlock block = (SupernetBlock) compiler.compile(supernet.block()).getDeclaredConstructor().newInstance();
      result = new OneShotTrainer(OneShotTrainer.Method.DARTS, data).epochs(1).batchSize(batch).seed(1)
          .listener(new OneShotTrainer.Listener() {
            @Override
            public void progress(long done, long total) {
              peak[0] = Math.max(peak[0], MemoryBenchmark.residentMb());
              if (done % Math.max(1, total / 10) == 0 || done == total) {
                out.printf(Locale.ROOT, "  step %d of %d: %.2f s a step, resident %d MB%n", done, total,
                    (System.nanoTime() - began) / 1e9 / done, MemoryBenchmark.residentMb());
              }
            }
          })
          .train(block);
    }
    double perStep = (System.nanoTime() - began) / 1e9 / result.steps();
    long end = MemoryBenchmark.residentMb();
    Sample derived = Sample.canonical(space, supernet.decisions(result.path()));
    GeneratedBlock block = BlockGenerator.generate(Mutators.freeze(space, derived), "DartsSpace", derived);
    try (InMemoryCompiler djlOnly = new InMemoryCompiler(); NDManager manager = NDManager.newBaseManager()) {
      AbstractBlock net = djlOnly.compile(block).getDeclaredConstructor().newInstance();
      Shape input = new Shape(2, 1, 28, 28);
      net.initialize(manager, DataType.FLOAT32, input);
      Shape output = net.forward(new ParameterStore(manager, false), new NDList(manager.ones(input)), false).singletonOrThrow().getShape();
      if (!output.equals(new Shape(2, 10))) {
        throw new IllegalStateException("the derived architecture gives " + output + ", not (2, 10)");
      }
    }
    return new Report(result.steps(), perStep, start, Math.max(peak[0], end), end, supernet.nodes(), derived, block.source().length(),
        result.estimate());
  }
}
