package dev.jnas.samples;

import dev.jnas.engine.ExecutionEngine;
import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.Formatter;
import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.strategy.RandomStrategy;
import dev.jnas.runtime.ClassificationEvaluator;
import dev.jnas.runtime.FunctionalEvaluator;
import dev.jnas.runtime.MnistData;
import dev.jnas.runtime.ModelFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The seed tutorial in Java: the MNIST space of DESIGN.md, random search with dedup, a DJL
 * training function wrapped in a FunctionalEvaluator, trials run two at a time, and the best
 * model exported as a dict and as {@code .java}.
 *
 * <p>Options: --max-trials N (4), --concurrency N (2), --epochs N (1), --train-size N (4000, of the
 * 10,000 test-split images; the last 2,000 validate), --engine base|pure, --port N (0: no UI),
 * --export-dir DIR, --data DIR, --experiment-dir DIR.
 */
public final class HelloNas {
  private static MnistData train;
  private static MnistData validation;
  private static int epochs = 1;

  private HelloNas() {}

  /** The tutorial's evaluate_model: train on the training images, report validation accuracy. */
  static void evaluateModel(ModelFactory models) throws Exception {
    new ClassificationEvaluator(train, validation).epochs(epochs).batchSize(32).learningRate(1e-3).evaluate(models);
  }

  public static void main(String[] args) throws Exception {
    int maxTrials = 4;
    int concurrency = 2;
    int trainSize = 4000;
    ExecutionEngine engine = ExecutionEngine.BASE;
    int port = 0;
    Path exportDir = null;
    Path experimentDir = null;
    String data = null;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw usage("option " + flag + " needs a value");
      }
      String value = args[++i];
      switch (flag) {
        case "--max-trials" -> maxTrials = Integer.parseInt(value);
        case "--concurrency" -> concurrency = Integer.parseInt(value);
        case "--epochs" -> epochs = Integer.parseInt(value);
        case "--train-size" -> trainSize = Integer.parseInt(value);
        case "--engine" -> engine = ExecutionEngine.valueOf(value.toUpperCase(Locale.ROOT));
        case "--port" -> port = Integer.parseInt(value);
        case "--export-dir" -> exportDir = Path.of(value);
        case "--experiment-dir" -> experimentDir = Path.of(value);
        case "--data" -> data = value;
        default -> throw usage("unknown option " + flag);
      }
    }
    run(maxTrials, concurrency, trainSize, engine, port, exportDir, experimentDir, data);
  }

  /** Runs the tutorial experiment; returns it for inspection. */
  public static NasExperiment run(int maxTrials, int concurrency, int trainSize, ExecutionEngine engine, int port,
      Path exportDir, Path experimentDir, String data) throws Exception {
    Path mnist = MnistData.locate(data);
    MnistData all = MnistData.load(mnist);
    int validationSize = Math.min(2000, all.size() / 5);
    if (trainSize < 1 || trainSize + validationSize > all.size()) {
      throw usage("--train-size must be 1 to " + (all.size() - validationSize) + " (the last " + validationSize
          + " of " + all.size() + " images validate)");
    }
    train = all.slice(0, trainSize);
    validation = all.slice(all.size() - validationSize, all.size());
    System.out.printf("MNIST from %s: %d training and %d validation images%n", mnist, train.size(), validation.size());

    NasExperiment exp = new NasExperiment(new ModelSpace(), new FunctionalEvaluator(HelloNas::evaluateModel),
        new RandomStrategy().dedup(true));
    ExperimentConfig config = ExperimentConfig.local()
        .experimentName("mnist_search").maxTrialNumber(maxTrials).trialConcurrency(concurrency)
        .executionEngine(engine).inputShape(1, 28, 28);
    if (experimentDir != null) {
      config.experimentDir(experimentDir);
    }
    exp.run(config, port);

    List<Object> top = exp.exportTopModels(1, Formatter.DICT);
    System.out.println("Top model: " + top);
    if (!top.isEmpty()) {
      String source = (String) exp.exportTopModels(1, Formatter.CODE).get(0);
      System.out.println("Its generated source is in " + exp.experimentDir().resolve("export"));
      if (exportDir != null) {
        Files.createDirectories(exportDir);
        Files.writeString(exportDir.resolve("top-1.json"), dev.jnas.ir.Sample.of(castMap(top.get(0))).toJson() + "\n");
        String className = source.lines().filter(l -> l.startsWith("public final class ")).findFirst().orElseThrow().split(" ")[3];
        Files.writeString(exportDir.resolve(className + ".java"), source);
        System.out.println("Wrote top-1.json and " + className + ".java to " + exportDir);
      }
    }
    return exp;
  }

  @SuppressWarnings("unchecked")
  private static java.util.Map<String, Object> castMap(Object o) {
    return (java.util.Map<String, Object>) o;
  }

  private static IllegalArgumentException usage(String problem) {
    return new IllegalArgumentException(problem + "; usage: HelloNas [--max-trials N] [--concurrency N] [--epochs N]"
        + " [--train-size N] [--engine base|pure] [--port N] [--export-dir DIR] [--experiment-dir DIR] [--data DIR]");
  }
}
