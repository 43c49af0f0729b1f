package dev.jnas.runtime;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.SequenceSampler;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a trial's block on a {@link TrainingData} with DJL's {@link Trainer} and reports its
 * validation metrics after each epoch and at the end. Settings may be fixed or
 * {@link Hyperparameter}s, which the experiment searches with the architecture. The data's order
 * comes from the trial's seed, so a trial is repeatable in a worker JVM.
 *
 * @param <E> the concrete evaluator, for chained settings
 */
public abstract class SupervisedEvaluator<E extends SupervisedEvaluator<E>> implements Evaluator {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(SupervisedEvaluator.class);
  private static final List<String> OPTIMIZERS = List.of("adam", "adamw", "sgd");

  private final TrainingData data;
  private Setting<Integer> epochs = Setting.of(1);
  private Setting<Integer> batchSize = Setting.of(64);
  private Setting<Double> learningRate = Setting.of(1e-3);
  private Setting<String> optimizer = Setting.of("adam");
  private Setting<Double> weightDecay = Setting.of(0.0);
  private double gradientClip;
  private LearningRateSchedule schedule = LearningRateSchedule.fixed();
  private boolean keepModel = true;

  protected SupervisedEvaluator(TrainingData data) {
    if (data == null) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " needs TrainingData");
    }
    this.data = data;
  }

  protected abstract E self();

  /** The training loss, which the optimizer minimises. */
  protected abstract Loss loss();

  /**
   * The validation metrics of a trained model, with {@code "default"} first (the one the search
   * ranks by unless the experiment names another key).
   */
  protected abstract Map<String, Double> validate(Trainer trainer, Iterable<Batch> validation);

  /** The data this evaluator trains and validates on. */
  public TrainingData data() {
    return data;
  }

  /** Epochs of training (default 1). */
  public E epochs(int epochs) {
    this.epochs = Setting.of(positive(epochs, "epochs"));
    return self();
  }

  /** Epochs of training, searched. */
  public E epochs(Hyperparameter<Integer> epochs) {
    epochs.candidates().forEach(c -> positive(c, "epochs"));
    this.epochs = Setting.of(epochs);
    return self();
  }

  /** Examples per training and validation batch (default 64). */
  public E batchSize(int batchSize) {
    this.batchSize = Setting.of(positive(batchSize, "batchSize"));
    return self();
  }

  /** Examples per batch, searched. */
  public E batchSize(Hyperparameter<Integer> batchSize) {
    batchSize.candidates().forEach(c -> positive(c, "batchSize"));
    this.batchSize = Setting.of(batchSize);
    return self();
  }

  /** The optimizer's (base) learning rate (default 1e-3). */
  public E learningRate(double learningRate) {
    this.learningRate = Setting.of(positive(learningRate, "learningRate"));
    return self();
  }

  /** The learning rate, searched. */
  public E learningRate(Hyperparameter<Double> learningRate) {
    learningRate.candidates().forEach(c -> positive(c, "learningRate"));
    this.learningRate = Setting.of(learningRate);
    return self();
  }

  /** "adam" (the default), "adamw", or "sgd" (momentum 0.9). */
  public E optimizer(String optimizer) {
    this.optimizer = Setting.of(knownOptimizer(optimizer));
    return self();
  }

  /** The optimizer, searched among "adam", "adamw" and "sgd". */
  public E optimizer(Hyperparameter<String> optimizer) {
    optimizer.candidates().forEach(SupervisedEvaluator::knownOptimizer);
    this.optimizer = Setting.of(optimizer);
    return self();
  }

  /** L2 weight decay (default 0). */
  public E weightDecay(double weightDecay) {
    this.weightDecay = Setting.of(notNegative(weightDecay, "weightDecay"));
    return self();
  }

  /** Weight decay, searched. */
  public E weightDecay(Hyperparameter<Double> weightDecay) {
    weightDecay.candidates().forEach(c -> notNegative(c, "weightDecay"));
    this.weightDecay = Setting.of(weightDecay);
    return self();
  }

  /** Clips each gradient value to +-{@code clip} (default 0: no clipping). */
  public E gradientClip(double clip) {
    this.gradientClip = notNegative(clip, "gradientClip");
    return self();
  }

  /** How the learning rate moves during training (default fixed). */
  public E learningRateSchedule(LearningRateSchedule schedule) {
    if (schedule == null) {
      throw new IllegalArgumentException("learningRateSchedule must not be null; use LearningRateSchedule.fixed()");
    }
    this.schedule = schedule;
    return self();
  }

  /**
   * Whether each trial keeps its trained model (.params and .onnx in its folder, which export
   * copies); true by default. A long search of small trials may not want the disk it takes.
   */
  public E keepModel(boolean keep) {
    this.keepModel = keep;
    return self();
  }

  @Override
  public List<Hyperparameter<?>> hyperparameters() {
    List<Hyperparameter<?>> out = new ArrayList<>();
    for (Setting<?> s : List.of(learningRate, batchSize, optimizer, epochs, weightDecay)) {
      s.hyperparameter().ifPresent(out::add);
    }
    return out;
  }

  @Override
  public Optional<List<Shape>> inputShapes() {
    return Optional.of(data.shapes().inputs());
  }

  @Override
  public void evaluate(ModelFactory models) throws Exception {
    Map<String, Object> sample = models.sample();
    if (OneShotTrial.method(sample).isPresent()) {
      trainSupernet(models);
      return;
    }
    int epochCount = epochs.in(sample);
    int batch = batchSize.in(sample);
    try (Model model = Model.newInstance("trial"); NDManager manager = NDManager.newBaseManager()) {
      model.setBlock(models.newBlock());
      TrainingData.Sets sets = data.open(manager);
      int stepsPerEpoch = (int) Math.max(1, (sets.train().size() + batch - 1) / batch);
      Tracker rate = schedule.tracker(learningRate.in(sample).floatValue(), stepsPerEpoch, epochCount);
      DefaultTrainingConfig config = new DefaultTrainingConfig(loss())
          .optOptimizer(optimizer(optimizer.in(sample), rate, weightDecay.in(sample).floatValue(), model.getNDManager()))
          // PyTorch's default for conv and linear weights, uniform in +-1/sqrt(fan_in), as the NNI tutorial
          // trains with; DJL's default (Glorot) left the separable tutorial net near 60% after 2,000 images.
          .optInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1),
              Parameter.Type.WEIGHT);
      SeededOrder order = new SeededOrder(Nas.trialSeed());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(batched(sets.train(), manager, batch));
        Map<String, Double> metrics = Map.of();
        long steps = (long) stepsPerEpoch * epochCount;
        long done = 0;
        for (int epoch = 0; epoch < epochCount; epoch++) {
          for (Batch b : sets.train().getData(manager, new BatchSampler(order, batch, false))) {
            try (b) {
              TrainingLock.step(() -> {
                EasyTrain.trainBatch(trainer, b);
                trainer.step();
              });
            }
            Nas.reportProgress(++done, steps);
          }
          metrics = validate(trainer, sets.validation().getData(manager, new BatchSampler(new SequenceSampler(), batch, false)));
          Nas.reportIntermediateResult(metrics);
        }
        if (keepModel) {
          models.saveTrained(model.getBlock());
        }
        Nas.reportFinalResult(metrics);
      }
    }
  }

  /**
   * The trial of a one-shot strategy: trains the supernet the factory builds, with this evaluator's
   * data, batch size, learning rate and epochs (unless the strategy sets its own; see
   * {@link OneShotTrainer}). Classification only so far.
   */
  private void trainSupernet(ModelFactory models) throws Exception {
    if (!(this instanceof ClassificationEvaluator classification)) {
      throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot train a supernet: one-shot strategies"
          + " score paths by accuracy and need a ClassificationEvaluator");
    }
    Map<String, Object> sample = models.sample();
    if (!(models.newBlock() instanceof SupernetBlock supernet)) {
      throw new IllegalStateException("a one-shot trial's block is not a supernet: " + models.architecture());
    }
    OneShotTrainer trainer = OneShotTrial.trainer(sample, data)
        .epochs(OneShotTrial.epochs(sample, epochs.in(sample)))
        .batchSize(batchSize.in(sample))
        .learningRate(learningRate.in(sample))
        .seed(Nas.trialSeed());
    if (classification.logitsOnly()) {
      trainer.logits();
    }
    OneShotTrial.run(trainer, supernet);
  }

  /** The shapes of one batch of each input: the first example's, with the batch in front. */
  static Shape[] batched(RandomAccessDataset set, NDManager manager, int batch) throws Exception {
    NDList first = set.get(manager, 0).getData();
    Shape[] out = new Shape[first.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new Shape(batch).addAll(first.get(i).getShape());
    }
    first.close();
    return out;
  }

  private Optimizer optimizer(String name, Tracker rate, float decay, NDManager owner) {
    // The optimizer's state lives with the model's parameters and is freed when the trial closes the model.
    return switch (name) {
      case "sgd" -> OptimizerState.sgd(clipped(Optimizer.sgd().setLearningRateTracker(rate).optMomentum(0.9f)
          .optWeightDecays(decay)), owner);
      case "adamw" -> OptimizerState.adamW(clipped(Optimizer.adamW().optLearningRateTracker(rate).optWeightDecays(decay)), owner);
      default -> OptimizerState.adam(clipped(Optimizer.adam().optLearningRateTracker(rate).optWeightDecays(decay)), owner);
    };
  }

  private <B extends Optimizer.OptimizerBuilder<B>> B clipped(B builder) {
    return gradientClip > 0 ? builder.optClipGrad((float) gradientClip) : builder;
  }

  /**
   * A metrics map with {@code "default"} (the value of {@code defaultKey}) first, then the named
   * metrics in order, without the secondary ones that are not finite (a diverged model's loss is
   * NaN or infinite; its accuracy still ranks it), logging a warning. The ranking one stays
   * whatever it is, so a NaN there fails the trial with the metric's name.
   */
  protected static Map<String, Double> metrics(String defaultKey, Map<String, Double> named) {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("default", named.get(defaultKey));
    named.forEach((key, value) -> {
      if (key.equals(defaultKey) || Double.isFinite(value)) {
        out.put(key, value);
      } else {
        LOG.warn("validation {} is {} (the model diverged?); left out of the report", key, value);
      }
    });
    return out;
  }

  private static String knownOptimizer(String name) {
    if (!OPTIMIZERS.contains(name)) {
      throw new IllegalArgumentException("optimizer must be one of " + OPTIMIZERS + ", got \"" + name + "\"");
    }
    return name;
  }

  static int positive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + value);
    }
    return value;
  }

  static double positive(double value, String name) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
    }
    return value;
  }

  private static double notNegative(double value, String name) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be zero or more and finite, got " + value);
    }
    return value;
  }
}
