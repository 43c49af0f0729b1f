package dev.jnas.samples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.jnas.codegen.BlockGenerator;
import dev.jnas.codegen.GeneratedBlock;
import dev.jnas.codegen.InMemoryCompiler;
import dev.jnas.engine.ExecutionEngine;
import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.Formatter;
import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.TrainingServiceKind;
import dev.jnas.engine.strategy.RandomStrategy;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Sample;
import dev.jnas.ir.SearchSpace;
import dev.jnas.ir.TensorShape;
import dev.jnas.mutators.Mutator;
import dev.jnas.mutators.Mutators;
import dev.jnas.nn.Tracer;
import dev.jnas.runtime.FunctionalEvaluator;
import dev.jnas.runtime.ModelFactory;
import dev.jnas.runtime.Nas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A custom mutator end to end: trace the tutorial space, widen it with {@link ActivationMutator},
 * freeze one architecture, generate and compile its DJL block, and run it on a random batch (the
 * low-level API); then hand the same mutator to a two-trial {@link NasExperiment}, as NNI's
 * {@code RetiariiExperiment(base_model, evaluator, applied_mutators, strategy)}.
 */
public final class CustomMutatorDemo {
  private CustomMutatorDemo() {}

  public static void main(String[] args) throws Exception {
    run(Map.of("conv2", 1, "dropout1.p", 0.5, "feature", 128, "relu.activation", "gelu", "relu_1.activation", "swish"));
    Path dir = Files.createTempDirectory("custom-mutator-demo");
    NasExperiment exp = experiment(dir, ExecutionEngine.PURE);
    System.out.println("\nThe best of " + exp.trials().size() + " trials: " + exp.exportTopModels(1, Formatter.DICT).get(0));
  }

  /**
   * Two trials of the widened space in this JVM on {@code engine}, each running its generated block
   * on a random batch (no data to download); the custom choices are in every sample.
   */
  public static NasExperiment experiment(Path dir, ExecutionEngine engine) {
    NasExperiment exp = new NasExperiment(new ModelSpace(), new FunctionalEvaluator(CustomMutatorDemo::forwardOnNoise),
        List.of(new ActivationMutator()), new RandomStrategy().dedup(true));
    exp.run(ExperimentConfig.local().experimentName("custom_mutator_demo").maxTrialNumber(2).inputShape(1, 28, 28)
        .trainingService(TrainingServiceKind.IN_PROCESS).executionEngine(engine).experimentDir(dir).seed(1));
    return exp;
  }

  private static void forwardOnNoise(ModelFactory models) {
    Block net = models.newBlock();
    try (NDManager manager = NDManager.newBaseManager()) {
      ai.djl.ndarray.types.Shape input = new ai.djl.ndarray.types.Shape(4, 1, 28, 28);
      net.initialize(manager, DataType.FLOAT32, input);
      NDArray out = net.forward(new ParameterStore(manager, false), new NDList(manager.randomUniform(0, 1, input)), false).singletonOrThrow();
      Nas.reportFinalResult(out.exp().max().getFloat());
    }
  }

  /** Runs the demo for one set of decisions; returns the frozen graph. */
  public static Graph run(Map<String, Object> decisions) throws Exception {
    Graph space = Tracer.trace(new ModelSpace(), TensorShape.batchOf(1, 28, 28)).graph();
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
