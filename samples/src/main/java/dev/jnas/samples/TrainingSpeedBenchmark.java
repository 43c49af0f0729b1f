package dev.jnas.samples;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.jnas.codegen.BlockGenerator;
import dev.jnas.codegen.GeneratedBlock;
import dev.jnas.codegen.InMemoryCompiler;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Sample;
import dev.jnas.ir.TensorShape;
import dev.jnas.mutators.Mutators;
import dev.jnas.nn.Tracer;
import dev.jnas.runtime.MnistData;
import dev.jnas.runtime.OptimizerState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training speed of a jnas-generated block against the same architecture written by hand as a DJL
 * {@link SequentialBlock}: one tutorial architecture, the same batches, Adam, one JVM (so the same
 * PyTorch threads), warmed up and then trained in alternating rounds. Prints the median time per
 * batch of each and their ratio; generated code should cost nothing, a ratio of 1.05 at most.
 * Arguments: rounds, batches per round, warm-up batches (defaults 80, 1, 10: short rounds, so that
 * both see the same load on a shared machine).
 */
public final class TrainingSpeedBenchmark {
  /** The tutorial architecture measured: the plain convolution, the widest dropout, 128 features. */
  public static final Map<String, Object> SAMPLE = sample();
  private static final int SEED = 1234;

  private TrainingSpeedBenchmark() {}

  /** How long to measure: batch size, warm-up batches, then rounds of batches per round for each block. */
  public record Settings(int batchSize, int warmup, int rounds, int batchesPerRound) {}

  /**
   * Per-batch training times in milliseconds (forward, backward, optimizer step), in the order
   * measured, {@code batchesPerRound} of each per round.
   */
  public record Result(List<Double> generatedMs, List<Double> handWrittenMs, int batchesPerRound) {
    public Result {
      generatedMs = List.copyOf(generatedMs);
      handWrittenMs = List.copyOf(handWrittenMs);
    }

    /**
     * Generated over hand-written, 1 when generated code costs nothing: the median over rounds of
     * the two blocks' time in that round. Each round compares batches trained moments apart, so a
     * shared machine's load, which swings the time of a batch by 2x, cancels out.
     */
    public double ratio() {
      List<Double> rounds = new ArrayList<>();
      for (int from = 0; from + batchesPerRound <= generatedMs.size(); from += batchesPerRound) {
        rounds.add(sum(generatedMs.subList(from, from + batchesPerRound)) / sum(handWrittenMs.subList(from, from + batchesPerRound)));
      }
      return median(rounds);
    }

    /** Median generated over median hand-written, which load swings between rounds can bias. */
    public double ratioOfMedians() {
      return median(generatedMs) / median(handWrittenMs);
    }
  }

  public static void main(String[] args) throws Exception {
    Settings settings = new Settings(64,
        args.length > 2 ? Integer.parseInt(args[2]) : 10,
        args.length > 0 ? Integer.parseInt(args[0]) : 80,
        args.length > 1 ? Integer.parseInt(args[1]) : 1);
    try (NDManager manager = NDManager.newBaseManager()) {
      String source;
      RandomAccessDataset data;
      try {
        MnistData mnist = MnistData.load(MnistData.locate(null));
        source = "MNIST test split (" + mnist.size() + " images)";
        data = mnist.toDataset(manager, settings.batchSize(), false);
      } catch (RuntimeException e) {
        source = "synthetic images (no MNIST: " + e.getMessage() + ")";
        data = synthetic(manager, 2_000, settings.batchSize());
      }
      System.out.printf("Training speed of %s, batch %d, Adam, PyTorch threads %s/%s, on %s%n",
          Sample.of(SAMPLE).toJson(), settings.batchSize(), System.getProperty("ai.djl.pytorch.num_threads", "default"),
          System.getProperty("ai.djl.pytorch.num_interop_threads", "default"), source);
      System.out.printf("%d warm-up batches each, then %d rounds of %d batch(es) each, alternating which goes first%n",
          settings.warmup(), settings.rounds(), settings.batchesPerRound());
      Result r = run(generated(), handWritten(), data, settings);
      print("generated", r.generatedMs());
      print("hand-written", r.handWrittenMs());
      System.out.printf("  ratio generated/hand-written %.3f, the median of the rounds' ratios (target <= 1.05);"
          + " ratio of the medians %.3f%n", r.ratio(), r.ratioOfMedians());
    }
  }

  /** Trains both blocks on {@code data} as {@code settings} says and returns their per-batch times. */
  public static Result run(Block generated, Block handWritten, RandomAccessDataset data, Settings settings) throws Exception {
    try (Contender g = new Contender(generated, data, settings.batchSize());
        Contender h = new Contender(handWritten, data, settings.batchSize())) {
      g.train(settings.warmup());
      h.train(settings.warmup());
      g.forget();
      h.forget();
      for (int round = 0; round < settings.rounds(); round++) {
        // Taking turns at going first keeps a drift in the machine's speed from favouring either.
        Contender first = round % 2 == 0 ? g : h;
        first.train(settings.batchesPerRound());
        (first == g ? h : g).train(settings.batchesPerRound());
      }
      return new Result(g.times, h.times, settings.batchesPerRound());
    }
  }

  /** The jnas block of {@link #SAMPLE}: traced from {@link ModelSpace}, frozen, generated and compiled in memory. */
  public static Block generated() throws ReflectiveOperationException {
    Graph space = Tracer.trace(new ModelSpace(), TensorShape.batchOf(1, 28, 28)).graph();
    Sample sample = Mutators.sample(space, SAMPLE);
    GeneratedBlock block = BlockGenerator.generate(Mutators.freeze(space, sample), "ModelSpace", sample);
    try (InMemoryCompiler compiler = new InMemoryCompiler()) {
      return compiler.compile(block).getDeclaredConstructor().newInstance();
    }
  }

  /** {@link #SAMPLE} as one would write it in DJL by hand, layer for layer as {@link ModelSpace#forward}. */
  public static SequentialBlock handWritten() {
    return new SequentialBlock()
        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(32).build())
        .add(Activation.reluBlock())
        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(64).build())
        .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
        .add(Dropout.builder().optRate(0.75f).build())
        .add(Blocks.batchFlattenBlock(9216))
        .add(Linear.builder().setUnits(128).build())
        .add(Activation.reluBlock())
        .add(Dropout.builder().optRate(0.5f).build())
        .add(Linear.builder().setUnits(10).build())
        .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().logSoftmax(1))));
  }

  /** {@code n} random normal images with random labels, batched as MNIST would be. */
  public static RandomAccessDataset synthetic(NDManager manager, int n, int batchSize) {
    return new ArrayDataset.Builder()
        .setData(manager.randomNormal(new Shape(n, 1, MnistData.SIDE, MnistData.SIDE)))
        .optLabels(manager.randomInteger(0, 10, new Shape(n), DataType.FLOAT32))
        .setSampling(batchSize, false)
        .build();
  }

  /** One block in training: its model, trainer and an endless walk over the data. */
  private static final class Contender implements AutoCloseable {
    private final Model model = Model.newInstance("speed");
    private final Trainer trainer;
    private final RandomAccessDataset data;
    private final List<Double> times = new ArrayList<>();
    private Iterator<Batch> batches;

    Contender(Block block, RandomAccessDataset data, int batchSize) {
      this.data = data;
      model.setBlock(block);
      // As ClassificationEvaluator trains: Adam 1e-3, PyTorch's default initialisation, log-probabilities.
      DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss("loss", 1, -1, true, false))
          .optOptimizer(OptimizerState.adam(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)), model.getNDManager()))
          .optInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1),
              Parameter.Type.WEIGHT);
      trainer = model.newTrainer(config);
      // The same seed gives both blocks the same starting weights, so they do the same arithmetic.
      Engine.getInstance().setRandomSeed(SEED);
      trainer.initialize(new Shape(batchSize, 1, MnistData.SIDE, MnistData.SIDE));
    }

    /** Trains {@code count} batches, timing each. */
    void train(int count) throws Exception {
      for (int i = 0; i < count; i++) {
        if (batches == null || !batches.hasNext()) {
          batches = trainer.iterateDataset(data).iterator();
        }
        try (Batch batch = batches.next()) {
          long start = System.nanoTime();
          EasyTrain.trainBatch(trainer, batch);
          trainer.step();
          times.add((System.nanoTime() - start) / 1e6);
        }
      }
    }

    /** Drops the times so far (the warm-up). */
    void forget() {
      times.clear();
    }

    @Override
    public void close() {
      trainer.close();
      model.close();
    }
  }

  private static Map<String, Object> sample() {
    Map<String, Object> sample = new LinkedHashMap<>();
    sample.put("conv2", 0);
    sample.put("dropout1.p", 0.75);
    sample.put("feature", 128);
    return Collections.unmodifiableMap(sample);
  }

  private static void print(String name, List<Double> ms) {
    System.out.printf("  %-13s median %7.2f ms/batch  (p10 %7.2f, p90 %7.2f; %d batches)%n",
        name, median(ms), percentile(ms, 0.1), percentile(ms, 0.9), ms.size());
  }

  private static double sum(List<Double> ms) {
    return ms.stream().mapToDouble(Double::doubleValue).sum();
  }

  private static double median(List<Double> ms) {
    return percentile(ms, 0.5);
  }

  private static double percentile(List<Double> ms, double p) {
    List<Double> sorted = new ArrayList<>(ms);
    Collections.sort(sorted);
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
  }
}
