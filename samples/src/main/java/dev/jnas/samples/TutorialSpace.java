package dev.jnas.samples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import dev.jnas.codegen.BlockGenerator;
import dev.jnas.codegen.GeneratedBlock;
import dev.jnas.codegen.InMemoryCompiler;
import dev.jnas.ir.Analysis;
import dev.jnas.ir.Decisions;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Sample;
import dev.jnas.ir.ShapeCheck;
import dev.jnas.ir.TensorShape;
import dev.jnas.mutators.Mutators;
import dev.jnas.nn.TracedSpace;
import dev.jnas.nn.Tracer;
import java.util.ArrayList;
import java.util.List;

/**
 * The compiler half of jnas on the tutorial space: trace {@link ModelSpace}, list its 18
 * architectures with parameters and FLOPs, then freeze each, generate its DJL block, compile them
 * in one javac task and run each on a batch. The README's main command runs it until the
 * hello-NAS experiment (issue 5) replaces it.
 */
public final class TutorialSpace {
  private TutorialSpace() {}

  public static void main(String[] args) throws Exception {
    ModelSpace model = new ModelSpace();
    System.out.println("# The model space");
    System.out.println(model);
    TracedSpace traced = Tracer.trace(model, TensorShape.batchOf(1, 28, 28));
    Graph space = traced.graph();
    System.out.println("\n# Its IR");
    System.out.print(space);
    System.out.println("\n# Its search space: " + traced.searchSpace());

    System.out.printf("%n%-52s %12s %14s%n", "architecture", "parameters", "FLOPs/example");
    List<GeneratedBlock> blocks = new ArrayList<>();
    long started = System.nanoTime();
    for (Decisions d : ShapeCheck.assignments(space.choices())) {
      Sample sample = Mutators.sample(space, d.byLabel());
      Graph frozen = Mutators.freeze(space, sample);
      Analysis a = Analysis.of(frozen);
      System.out.printf("%-52s %,12d %,14d%n", sample.toJson(), a.params(), a.flops());
      blocks.add(BlockGenerator.generate(frozen, "ModelSpace", sample));
    }
    try (InMemoryCompiler compiler = new InMemoryCompiler(); NDManager manager = NDManager.newBaseManager()) {
      var classes = compiler.compile(blocks).classes();
      double ms = (System.nanoTime() - started) / 1e6;
      ai.djl.ndarray.types.Shape input = new ai.djl.ndarray.types.Shape(8, 1, 28, 28);
      NDArray batch = manager.randomUniform(0, 1, input);
      for (GeneratedBlock block : blocks) {
        AbstractBlock net = classes.get(block.qualifiedName()).getDeclaredConstructor().newInstance();
        net.initialize(manager, DataType.FLOAT32, input);
        net.forward(new ParameterStore(manager, false), new NDList(batch), false).singletonOrThrow();
      }
      System.out.printf("%n%d architectures frozen, generated and compiled in one javac task in %.0f ms;"
          + " each ran a batch of 8 MNIST-sized images on DJL's PyTorch engine.%n", blocks.size(), ms);
      System.out.println("\n# The generated block of " + blocks.get(0).className());
      System.out.print(blocks.get(0).source());
    }
  }
}
