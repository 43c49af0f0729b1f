package dev.jnas.runtime;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * Trains a classifier on DJL's {@link Trainer} and reports validation accuracy after each epoch
 * and at the end. Expects the block to end in logSoftmax (as the tutorial); call
 * {@link #logits()} for one that ends in raw scores.
 */
public final class ClassificationEvaluator implements Evaluator {
  private static final long serialVersionUID = 1L;

  private final MnistData train;
  private final MnistData validation;
  private int epochs = 1;
  private int batchSize = 64;
  private float learningRate = 1e-3f;
  private String optimizer = "adam";
  private boolean logits;
  private boolean keepModel = true;

  public ClassificationEvaluator(MnistData train, MnistData validation) {
    this.train = train;
    this.validation = validation;
  }

  public ClassificationEvaluator epochs(int epochs) {
    this.epochs = positive(epochs, "epochs");
    return this;
  }

  public ClassificationEvaluator batchSize(int batchSize) {
    this.batchSize = positive(batchSize, "batchSize");
    return this;
  }

  public ClassificationEvaluator learningRate(double learningRate) {
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("learningRate must be positive, got " + learningRate);
    }
    this.learningRate = (float) learningRate;
    return this;
  }

  /** "adam" (the default) or "sgd". */
  public ClassificationEvaluator optimizer(String optimizer) {
    if (!optimizer.equals("adam") && !optimizer.equals("sgd")) {
      throw new IllegalArgumentException("optimizer must be \"adam\" or \"sgd\", got \"" + optimizer + "\"");
    }
    this.optimizer = optimizer;
    return this;
  }

  /**
   * Whether each trial keeps its trained model (.params and .onnx in its folder, which export
   * copies); true by default. A long search of small trials may not want the disk it takes.
   */
  public ClassificationEvaluator keepModel(boolean keep) {
    this.keepModel = keep;
    return this;
  }

  /** The block ends in raw scores rather than logSoftmax. */
  public ClassificationEvaluator logits() {
    this.logits = true;
    return this;
  }

  @Override
  public void evaluate(ModelFactory models) throws Exception {
    try (Model model = Model.newInstance("trial"); NDManager data = NDManager.newBaseManager()) {
      model.setBlock(models.newBlock());
      Tracker rate = Tracker.fixed(learningRate);
      // The optimizer's state lives with the model's parameters and is freed when the trial closes the model.
      Optimizer chosen = optimizer.equals("sgd")
          ? OptimizerState.sgd(Optimizer.sgd().setLearningRateTracker(rate).optMomentum(0.9f), model.getNDManager())
          : OptimizerState.adam(Optimizer.adam().optLearningRateTracker(rate), model.getNDManager());
      // A block ending in logSoftmax gives log-probabilities: fromLogit=true would apply logSoftmax again.
      DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss("loss", 1, -1, true, logits))
          .optOptimizer(chosen)
          // PyTorch's default for conv and linear weights, uniform in +-1/sqrt(fan_in), as the NNI tutorial
          // trains with; DJL's default (Glorot) left the separable tutorial net near 60% after 2,000 images.
          .optInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1),
              Parameter.Type.WEIGHT);
      RandomAccessDataset trainSet = train.toDataset(data, batchSize, true);
      RandomAccessDataset validationSet = validation.toDataset(data, batchSize, false);
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(batchSize, 1, MnistData.SIDE, MnistData.SIDE));
        double accuracy = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
          for (Batch batch : trainer.iterateDataset(trainSet)) {
            TrainingLock.step(() -> {
              EasyTrain.trainBatch(trainer, batch);
              trainer.step();
            });
            batch.close();
          }
          accuracy = accuracy(trainer, validationSet);
          Nas.reportIntermediateResult(accuracy);
        }
        if (keepModel) {
          models.saveTrained(model.getBlock());
        }
        Nas.reportFinalResult(accuracy);
      }
    }
  }

  private static double accuracy(Trainer trainer, RandomAccessDataset set) throws Exception {
    long correct = 0;
    long total = 0;
    for (Batch batch : trainer.iterateDataset(set)) {
      NDArray predicted = trainer.evaluate(batch.getData()).singletonOrThrow().argMax(1);
      NDArray labels = batch.getLabels().singletonOrThrow().toType(predicted.getDataType(), false);
      correct += predicted.eq(labels).countNonzero().getLong();
      total += labels.size();
      batch.close();
    }
    return (double) correct / total;
  }

  private static int positive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + value);
    }
    return value;
  }
}
