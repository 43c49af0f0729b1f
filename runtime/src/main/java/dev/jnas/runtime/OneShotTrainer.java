package dev.jnas.runtime;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.SequenceSampler;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Trains a classification supernet one-shot and derives an architecture from it.
 *
 * <p>{@link Method#DARTS} is first-order DARTS: the training set is split in two by a fixed
 * shuffle, and each step first moves the architecture parameters on a batch of one half (Adam,
 * learning rate 3e-4, betas 0.5/0.999, weight decay 1e-3, as DARTS), then the weights on a batch of
 * the other; the architecture is each choice's strongest candidate. {@link Method#SPOS} trains one
 * uniformly sampled path per step on the whole training set, its learning rate annealed to zero on
 * a cosine over the steps, then an evolution search over paths, each scored on the validation set
 * with the supernet's weights, picks the one of least validation loss. Paths that differ only in
 * dropout rates compute the same at inference, so one of them runs and the rest share its score.
 *
 * <p>Why SPOS anneals and ranks by loss: a path's score reads the final shared weights, and at a
 * fixed rate those lean towards the last few paths drawn, enough to swap widths whose estimates lie
 * within a point; accuracy on a few thousand images moves in steps of tens of examples where the
 * mean loss still separates them. On the tutorial space, with both, every seed ranks the
 * architecture that retrains best first; with neither, one seed in three did (docs/benchmark.md).
 */
public final class OneShotTrainer {
  /** The one-shot algorithm. */
  public enum Method { DARTS, SPOS }

  /** Hears what training does, for progress bars and charts; every method is optional. */
  public interface Listener {
    /** {@code done} of {@code total} training steps are over. */
    default void progress(long done, long total) {}

    /**
     * Epoch {@code epoch} (from 0) ended with mean training loss {@code loss}; {@code weights} are
     * the architecture weights (softmax per choice; null for SPOS), {@code estimate} the accuracy
     * of the architecture they derive (DARTS) or of a random path (SPOS) on the validation set.
     */
    default void epoch(int epoch, double loss, double[][] weights, double estimate) {}

    /** The search scored {@code path} on the validation set. */
    default void searched(OneShotResult.EvaluatedPath path) {}
  }

  private final Method method;
  private final TrainingData data;
  private int epochs = 2;
  private int batchSize = 64;
  private double learningRate = 1e-3;
  private double architectureLearningRate = 3e-4;
  private double architectureWeightDecay = 1e-3;
  private double gradientClip = 5;
  private int searchBudget = 40;
  private int population = 10;
  private boolean widestPath = true;
  private long seed;
  private boolean logits;
  private Listener listener = new Listener() {};

  /** A trainer of supernets by {@code method} on {@code data}'s training set, scoring on its validation set. */
  public OneShotTrainer(Method method, TrainingData data) {
    if (method == null || data == null) {
      throw new IllegalArgumentException("a one-shot trainer needs a method and training data");
    }
    this.method = method;
    this.data = data;
  }

  /** Passes over the weight-training examples (default 2). */
  public OneShotTrainer epochs(int epochs) {
    this.epochs = SupervisedEvaluator.positive(epochs, "epochs");
    return this;
  }

  /** Examples per step (default 64). */
  public OneShotTrainer batchSize(int batchSize) {
    this.batchSize = SupervisedEvaluator.positive(batchSize, "batchSize");
    return this;
  }

  /** Adam's learning rate for the supernet's weights (default 1e-3). */
  public OneShotTrainer learningRate(double rate) {
    this.learningRate = SupervisedEvaluator.positive(rate, "learningRate");
    return this;
  }

  /** Adam's learning rate for the architecture parameters, DARTS only (default 3e-4). */
  public OneShotTrainer architectureLearningRate(double rate) {
    this.architectureLearningRate = SupervisedEvaluator.positive(rate, "architectureLearningRate");
    return this;
  }

  /** Paths the SPOS search evaluates (default 40). */
  public OneShotTrainer searchBudget(int paths) {
    this.searchBudget = SupervisedEvaluator.positive(paths, "searchBudget");
    return this;
  }

  /** Paths the SPOS evolution keeps (default 10); the first generation is random. */
  public OneShotTrainer population(int size) {
    this.population = SupervisedEvaluator.positive(size, "population");
    return this;
  }

  /**
   * Whether a SPOS step also trains the drawn path at its widest widths and kernels (default
   * {@code true}; BigNAS's sandwich rule, its widest half). Widths share weights, so with single
   * paths alone the units only wide architectures use train a fraction as often as the rest, and
   * the search then favours narrow ones.
   */
  public OneShotTrainer widestPath(boolean widestPath) {
    this.widestPath = widestPath;
    return this;
  }

  /** The seed of the data order, the DARTS split, the sampled paths and the search. */
  public OneShotTrainer seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** The supernet ends in raw scores rather than logSoftmax. */
  public OneShotTrainer logits() {
    this.logits = true;
    return this;
  }

  /** Who hears the progress, each epoch's weights and estimate, and each path searched (null: nobody). */
  public OneShotTrainer listener(Listener listener) {
    this.listener = listener == null ? new Listener() {} : listener;
    return this;
  }

  /** Trains {@code supernet} and derives an architecture; the supernet keeps the trained weights. */
  public OneShotResult train(SupernetBlock supernet) throws Exception {
    long started = System.nanoTime();
    Random random = new Random(seed);
    Loss loss = Loss.softmaxCrossEntropyLoss("loss", 1, -1, true, logits);
    try (Model model = Model.newInstance("supernet"); NDManager manager = NDManager.newBaseManager()) {
      model.setBlock(supernet);
      TrainingData.Sets sets = data.open(manager);
      RandomAccessDataset weightSet = sets.train();
      RandomAccessDataset architectureSet = null;
      if (method == Method.DARTS) {
        List<Long> order = new ArrayList<>();
        for (long i = 0; i < sets.train().size(); i++) {
          order.add(i);
        }
        java.util.Collections.shuffle(order, new Random(seed ^ 0xDA475L));
        int half = order.size() / 2;
        if (half == 0) {
          throw new IllegalArgumentException("DARTS splits the training set in two; it has " + order.size() + " example");
        }
        weightSet = sets.train().subDataset(order.subList(0, half));
        architectureSet = sets.train().subDataset(order.subList(half, order.size()));
      }
      Set<String> architectureIds = new HashSet<>();
      supernet.architectureParameters().forEach(p -> architectureIds.add(p.getId()));
      NDManager owner = model.getNDManager();
      long plannedSteps = (weightSet.size() + batchSize - 1) / batchSize * epochs;
      long[] stepNow = {0};
      // One schedule for every weight, by the supernet's step: DJL's own trackers count each
      // parameter's updates, and a candidate off most paths would anneal later than the rest.
      ParameterTracker schedule = method == Method.SPOS
          ? (id, n) -> (float) annealed(learningRate, stepNow[0], plannedSteps)
          : Tracker.fixed((float) learningRate);
      Optimizer weights = OptimizerState.adam(Optimizer.adam().optLearningRateTracker(schedule)
          .optClipGrad((float) gradientClip), owner);
      Optimizer architecture = OptimizerState.adam(Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) architectureLearningRate))
          .optBeta1(0.5f).optWeightDecays((float) architectureWeightDecay), owner);
      PhasedOptimizer optimizer = new PhasedOptimizer(weights, architecture, architectureIds, method == Method.SPOS);
      DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
          .optOptimizer(optimizer)
          .optInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1),
              Parameter.Type.WEIGHT);
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(SupervisedEvaluator.batched(weightSet, manager, batchSize));
        int[] counts = supernet.candidateCounts();
        List<double[][]> history = new ArrayList<>();
        long stepsPerEpoch = (weightSet.size() + batchSize - 1) / batchSize;
        long steps = stepsPerEpoch * epochs;
        long total = steps + (method == Method.SPOS ? searchBudget(counts) : 0);
        long done = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
          Iterator<Batch> architectureBatches = architectureSet == null ? null
              : architectureSet.getData(manager, new BatchSampler(new SeededOrder(random.nextLong()), batchSize, false)).iterator();
          double lossSum = 0;
          long batches = 0;
          for (Batch b : weightSet.getData(manager, new BatchSampler(new SeededOrder(random.nextLong()), batchSize, false))) {
            try (b) {
              List<int[]> paths = MIXED;
              if (method == Method.DARTS) {
                if (!architectureBatches.hasNext()) {
                  architectureBatches = architectureSet.getData(manager,
                      new BatchSampler(new SeededOrder(random.nextLong()), batchSize, false)).iterator();
                }
                try (Batch a = architectureBatches.next()) {
                  optimizer.phase(PhasedOptimizer.Phase.ARCHITECTURE);
                  step(trainer, a, supernet, MIXED);
                }
              } else {
                paths = sampled(randomPath(counts, random), supernet.widestCandidates());
              }
              optimizer.phase(PhasedOptimizer.Phase.WEIGHTS);
              lossSum += step(trainer, b, supernet, paths);
              batches++;
            }
            stepNow[0]++;
            listener.progress(++done, total);
          }
          double[][] snapshot = method == Method.DARTS ? architectureWeights(supernet) : null;
          if (snapshot != null) {
            history.add(snapshot);
          }
          int[] probe = method == Method.DARTS ? argmax(snapshot) : randomPath(counts, random);
          listener.epoch(epoch, lossSum / Math.max(1, batches), snapshot, accuracy(trainer, supernet, probe, sets.validation(), manager));
        }
        OneShotResult result;
        if (method == Method.DARTS) {
          int[] path = argmax(history.get(history.size() - 1));
          result = new OneShotResult(path, accuracy(trainer, supernet, path, sets.validation(), manager), history, List.of(), 0,
              steps, seconds(started));
        } else {
          long trained = done;
          List<OneShotResult.EvaluatedPath> searched = evolve(trainer, supernet, counts, sets.validation(), manager, random,
              (evaluated) -> listener.progress(trained + evaluated, total));
          boolean[] trainingOnly = supernet.trainingOnlyChoices();
          int pathsRun = (int) searched.stream().map(p -> atInference(p.path(), trainingOnly)).distinct().count();
          searched = breakTies(trainer, supernet, searched, sets.validation(), manager);
          OneShotResult.EvaluatedPath best = searched.stream().min(BY_LOSS).orElseThrow();
          result = new OneShotResult(best.path(), best.accuracy(), history, searched, pathsRun, steps, seconds(started));
        }
        supernet.setPath(null);
        return result;
      }
    }
  }

  /** {@code rate} after {@code step} of {@code steps}: a half cosine from the full rate down to zero. */
  static double annealed(double rate, long step, long steps) {
    return rate * 0.5 * (1 + Math.cos(Math.PI * Math.min(1.0, (double) step / Math.max(1, steps))));
  }

  /**
   * Better scores first: the lower validation loss; between equals (paths that differ only in a
   * dropout rate compute the same at inference) the lower loss as trained where measured, then the
   * path scored first.
   */
  static final Comparator<OneShotResult.EvaluatedPath> BY_LOSS = Comparator.comparingDouble(OneShotResult.EvaluatedPath::loss)
      .thenComparingDouble(OneShotResult.EvaluatedPath::trainingLoss);

  /** The supernet's one "path" while its weights mix every candidate (DARTS). */
  private static final List<int[]> MIXED = java.util.Collections.singletonList(null);

  /**
   * One step on {@code batch} for the parameters the optimizer's phase names, its gradients summed
   * over {@code paths} (null: the mixed supernet); the batch's mean loss over them.
   */
  private static double step(Trainer trainer, Batch batch, SupernetBlock supernet, List<int[]> paths) throws Exception {
    double[] value = new double[1];
    TrainingLock.step(() -> {
      // Gradients add up over backward passes until the optimizer applies (and zeroes) them.
      for (int[] path : paths) {
        supernet.setPath(path);
        try (GradientCollector collector = trainer.newGradientCollector()) {
          NDList predictions = trainer.forward(batch.getData(), batch.getLabels());
          NDArray lossValue = trainer.getLoss().evaluate(batch.getLabels(), predictions);
          collector.backward(lossValue);
          value[0] += lossValue.getFloat() / paths.size();
        }
      }
      trainer.step();
    });
    return value[0];
  }

  /**
   * The paths one SPOS step trains: the drawn one, and (with {@link #widestPath}) the same path with
   * every width and kernel at its widest, unless that is the drawn one.
   */
  private List<int[]> sampled(int[] path, int[] widest) {
    int[] wide = path.clone();
    for (int k = 0; k < wide.length; k++) {
      if (widest[k] >= 0) {
        wide[k] = widest[k];
      }
    }
    return !widestPath || Arrays.equals(wide, path) ? List.of(path) : List.of(path, wide);
  }

  /**
   * Regularised evolution over paths (as the multi-trial strategy, with the supernet's weights
   * instead of training): a random population, then children of tournament winners, one choice
   * mutated each, until the budget is spent. Paths already scored are not scored again, and a path
   * that differs from one run on the validation set only in dropout rates (the same
   * {@link #atInference key}) takes its score without running: at inference they compute the same.
   */
  private List<OneShotResult.EvaluatedPath> evolve(Trainer trainer, SupernetBlock supernet, int[] counts, RandomAccessDataset validation,
      NDManager manager, Random random, java.util.function.IntConsumer evaluated) throws Exception {
    boolean[] trainingOnly = supernet.trainingOnlyChoices();
    Map<String, OneShotResult.EvaluatedPath> run = new HashMap<>();
    Map<String, OneShotResult.EvaluatedPath> seen = new LinkedHashMap<>();
    List<OneShotResult.EvaluatedPath> alive = new ArrayList<>();
    int budget = searchBudget(counts);
    int attempts = 0;
    while (seen.size() < budget && attempts++ < budget * 20) {
      int[] path;
      if (alive.size() < population) {
        path = randomPath(counts, random);
      } else {
        OneShotResult.EvaluatedPath parent = null;
        for (int i = 0; i < Math.max(2, population / 4); i++) {
          OneShotResult.EvaluatedPath contender = alive.get(random.nextInt(alive.size()));
          if (parent == null || BY_LOSS.compare(contender, parent) < 0) {
            parent = contender;
          }
        }
        path = mutate(parent.path(), counts, random);
      }
      String key = Arrays.toString(path);
      if (seen.containsKey(key)) {
        continue;
      }
      String inference = atInference(path, trainingOnly);
      OneShotResult.EvaluatedPath twin = run.get(inference);
      OneShotResult.EvaluatedPath scored = twin != null
          ? new OneShotResult.EvaluatedPath(path, twin.accuracy(), twin.loss(), Double.NaN)
          : score(trainer, supernet, path, validation, manager);
      run.putIfAbsent(inference, scored);
      listener.searched(scored);
      seen.put(key, scored);
      evaluated.accept(seen.size());
      alive.add(scored);
      if (alive.size() > population) {
        alive.remove(0); // the oldest dies, as in regularised evolution
      }
    }
    return List.copyOf(seen.values());
  }

  /** What {@code path} computes at inference: the path with every training-only choice at its first candidate. */
  private static String atInference(int[] path, boolean[] trainingOnly) {
    int[] key = path.clone();
    for (int k = 0; k < key.length; k++) {
      if (trainingOnly[k]) {
        key[k] = 0;
      }
    }
    return Arrays.toString(key);
  }

  /** The paths the search evaluates: the budget, or every path of a smaller space. */
  private int searchBudget(int[] counts) {
    long space = 1;
    for (int c : counts) {
      space = Math.min(Long.MAX_VALUE / Math.max(1, c), space * c);
    }
    return (int) Math.min(searchBudget, space);
  }

  private static int[] mutate(int[] parent, int[] counts, Random random) {
    int[] child = parent.clone();
    List<Integer> mutable = new ArrayList<>();
    for (int k = 0; k < counts.length; k++) {
      if (counts[k] > 1) {
        mutable.add(k);
      }
    }
    if (mutable.isEmpty()) {
      return child;
    }
    int k = mutable.get(random.nextInt(mutable.size()));
    int next = random.nextInt(counts[k] - 1);
    child[k] = next >= parent[k] ? next + 1 : next;
    return child;
  }

  /** The accuracy of {@code path} on {@code validation} with the supernet's current weights. */
  private double accuracy(Trainer trainer, SupernetBlock supernet, int[] path, RandomAccessDataset validation, NDManager manager)
      throws Exception {
    return score(trainer, supernet, path, validation, manager).accuracy();
  }

  /** The accuracy and mean loss of {@code path} on {@code validation} with the supernet's current weights. */
  private OneShotResult.EvaluatedPath score(Trainer trainer, SupernetBlock supernet, int[] path, RandomAccessDataset validation,
      NDManager manager) throws Exception {
    supernet.setPath(path);
    ClassificationTally tally = new ClassificationTally(trainer.getLoss());
    for (Batch batch : validation.getData(manager, new BatchSampler(new SequenceSampler(), batchSize, false))) {
      try (batch) {
        tally.count(trainer.evaluate(batch.getData()).singletonOrThrow(), batch.getLabels().singletonOrThrow());
      }
    }
    supernet.setPath(null);
    return new OneShotResult.EvaluatedPath(path, tally.accuracy(), tally.loss(), Double.NaN);
  }

  /**
   * {@code searched} with the loss as trained filled in for the paths tied at the least loss, if
   * several are: paths that differ only in what inference skips (a dropout rate) compute the same.
   * Measured last, because a training-mode pass also moves batch-norm statistics.
   */
  private List<OneShotResult.EvaluatedPath> breakTies(Trainer trainer, SupernetBlock supernet, List<OneShotResult.EvaluatedPath> searched,
      RandomAccessDataset validation, NDManager manager) throws Exception {
    double least = searched.stream().mapToDouble(OneShotResult.EvaluatedPath::loss).min().orElse(Double.NaN);
    if (searched.stream().filter(p -> p.loss() == least).count() < 2) {
      return searched;
    }
    List<OneShotResult.EvaluatedPath> out = new ArrayList<>();
    for (OneShotResult.EvaluatedPath p : searched) {
      out.add(p.loss() == least ? new OneShotResult.EvaluatedPath(p.path(), p.accuracy(), p.loss(),
          lossAsTrained(trainer, supernet, p.path(), validation, manager)) : p);
    }
    return out;
  }

  /** The mean loss of {@code path} on {@code validation} in training mode, with the same random dropout masks for every path. */
  private double lossAsTrained(Trainer trainer, SupernetBlock supernet, int[] path, RandomAccessDataset validation, NDManager manager)
      throws Exception {
    supernet.setPath(path);
    Engine.getInstance().setRandomSeed((int) seed);
    ClassificationTally tally = new ClassificationTally(trainer.getLoss());
    for (Batch batch : validation.getData(manager, new BatchSampler(new SequenceSampler(), batchSize, false))) {
      try (batch) {
        tally.count(trainer.forward(batch.getData()).singletonOrThrow(), batch.getLabels().singletonOrThrow());
      }
    }
    supernet.setPath(null);
    return tally.loss();
  }

  /** Each choice's candidate weights now: softmax of its architecture parameter. */
  static double[][] architectureWeights(SupernetBlock supernet) {
    List<Parameter> alphas = supernet.architectureParameters();
    double[][] out = new double[alphas.size()][];
    for (int k = 0; k < out.length; k++) {
      float[] w = alphas.get(k).getArray().softmax(0).toFloatArray();
      out[k] = new double[w.length];
      for (int i = 0; i < w.length; i++) {
        out[k][i] = w[i];
      }
    }
    return out;
  }

  /** Each choice's strongest candidate (the first of equals). */
  static int[] argmax(double[][] weights) {
    int[] out = new int[weights.length];
    for (int k = 0; k < weights.length; k++) {
      for (int i = 1; i < weights[k].length; i++) {
        if (weights[k][i] > weights[k][out[k]]) {
          out[k] = i;
        }
      }
    }
    return out;
  }

  private static int[] randomPath(int[] counts, Random random) {
    int[] path = new int[counts.length];
    for (int k = 0; k < counts.length; k++) {
      path[k] = random.nextInt(counts[k]);
    }
    return path;
  }

  private static double seconds(long started) {
    return (System.nanoTime() - started) / 1e9;
  }

  @Override
  public String toString() {
    return method + " " + epochs + " epochs, batch " + batchSize + ", lr " + learningRate
        + (method == Method.DARTS ? ", architecture lr " + architectureLearningRate : ", search " + searchBudget + " paths");
  }
}
