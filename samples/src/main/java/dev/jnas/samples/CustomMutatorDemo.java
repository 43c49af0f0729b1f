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
import dev.jnas.ir.Graph;
import dev.jnas.ir.Sample;
import dev.jnas.ir.SearchSpace;
import dev.jnas.ir.Shape;
import dev.jnas.mutators.Mutator;
import dev.jnas.mutators.Mutators;
import dev.jnas.nn.Tracer;
import java.util.List;
import java.util.Map;

/**
 * A custom mutator end to end: trace the tutorial space, widen it with {@link ActivationMutator},
 * freeze one architecture, generate and compile its DJL block, and run it on a random batch.
 */
public final class CustomMutatorDemo {
  private CustomMutatorDemo() {}

  public static void main(String[] args) throws Exception {
    run(Map.of("conv2", 1, "dropout1.p", 0.5, "feature", 128, "relu.activation", "gelu", "relu_1.activation", "swish"));
  }

  /** Runs the demo for one set of decisions; returns the frozen graph. */
  public static Graph run(Map<String, Object> decisions) throws Exception {
    Graph space = Tracer.trace(new ModelSpace(), Shape.batchOf(1, 28, 28)).graph();
    List<Mutator> custom = List.of(new ActivationMutator());
    SearchSpace widened = Mutators.dryRun(space, custom);
    System.out.println("The tutorial space with an activation choice at every activation node:");
    System.out.println(widened);
    Sample sample = Mutators.sample(space, decisions, custom);
    Graph frozen = Mutators.freeze(space, sample, custom);
    System.out.println("\nSample " + sample.toJson() + " freezes to:\n" + frozen);
    GeneratedBlock block = BlockGenerator.generate(frozen, "ModelSpace", sample);
    try (InMemoryCompiler compiler = new InMemoryCompiler(); NDManager manager = NDManager.newBaseManager()) {
      AbstractBlock net = compiler.compile(block).getDeclaredConstructor().newInstance();
      ai.djl.ndarray.types.Shape input = new ai.djl.ndarray.types.Shape(4, 1, 28, 28);
      net.initialize(manager, DataType.FLOAT32, input);
      NDArray out = net.forward(new ParameterStore(manager, false), new NDList(manager.randomUniform(0, 1, input)), false)
          .singletonOrThrow();
      System.out.println("Generated " + block.qualifiedName() + " ran a batch of 4: output " + out.getShape());
    }
    return frozen;
  }
}
