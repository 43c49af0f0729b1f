package dev.jnas.samples;

import dev.jnas.engine.ExecutionEngine;
import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.Formatter;
import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.TrainingServiceKind;
import dev.jnas.engine.strategy.RandomStrategy;
import dev.jnas.ir.Sample;
import dev.jnas.runtime.ClassificationEvaluator;
import dev.jnas.runtime.FunctionalEvaluator;
import dev.jnas.runtime.MnistData;
import dev.jnas.runtime.ModelFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/**
 * The seed tutorial in Java: NNI's hello-NAS MNIST space, random search with dedup, a DJL
 * training function wrapped in a FunctionalEvaluator, trials run two at a time, and the best
 * model exported as a dict and as {@code .java}.
 *
 * <p>Options: --max-trials N (4), --concurrency N (2), --epochs N (1), --train-size N (4000, of the
 * 10,000 test-split images; the last 2,000 validate), --engine base|pure, --port N (0: no UI),
 * --export-dir DIR, --data DIR, --experiment-dir DIR. A bad value is a picocli
 * {@link ParameterException} naming the option, which {@code jnas run} reports as bad usage (exit 2).
 */
public final class HelloNas {
  private HelloNas() {}

  /**
   * The tutorial's evaluate_model: train on the training images, report validation accuracy. It
   * runs in a worker JVM, so it takes its data as arguments (which travel with it) rather than
   * reading fields that only this JVM's main set.
   */
  static void evaluateModel(ModelFactory models, MnistData train, MnistData validation, int epochs) throws Exception {
    new ClassificationEvaluator(train, validation).epochs(epochs).batchSize(32).learningRate(1e-3).evaluate(models);
  }

  /** The command line of the tutorial; every value is checked, and a bad one names its option. */
  @Command(name = "HelloNas", mixinStandardHelpOptions = true, description = "The hello-NAS tutorial: random search over the MNIST space.")
  static final class Options {
    @Option(names = "--max-trials", description = "trials to run (default 4)") int maxTrials = 4;
    @Option(names = "--concurrency", description = "trials at a time (default 2)") int concurrency = 2;
    @Option(names = "--epochs", description = "training epochs per trial (default 1)") int epochs = 1;
    @Option(names = "--train-size", description = "training images (default 4000)") int trainSize = 4000;
    @Option(names = "--engine", description = "base or pure (default base)") ExecutionEngine engine = ExecutionEngine.BASE;
    @Option(names = "--port", description = "web UI port (default 0: none)") int port;
    @Option(names = "--service", description = "where trials run: local (worker JVMs, the default) or in_process")
    TrainingServiceKind service = TrainingServiceKind.LOCAL;
    @Option(names = "--trial-threads", description = "PyTorch threads per trial (default 0: cores / concurrency)") int trialThreads;
    @Option(names = "--worker-jvm-option", description = "an option for each worker JVM (repeatable)") List<String> workerJvmOptions = new java.util.ArrayList<>();
    @Option(names = "--export-dir", description = "where to write the top model too") Path exportDir;
    @Option(names = "--experiment-dir", description = "the experiment's directory (default under $JNAS_HOME)") Path experimentDir;
    @Option(names = "--data", description = "the MNIST directory") String data;
  }

  public static void main(String[] args) throws Exception {
    Options o = new Options();
    CommandLine cli = new CommandLine(o).setCaseInsensitiveEnumValuesAllowed(true);
    cli.parseArgs(args);
    if (cli.isUsageHelpRequested()) {
      cli.usage(System.out);
      return;
    }
    atLeast(cli, "--max-trials", o.maxTrials, 1);
    atLeast(cli, "--concurrency", o.concurrency, 1);
    atLeast(cli, "--epochs", o.epochs, 1);
    atLeast(cli, "--train-size", o.trainSize, 1);
    if (o.engine == ExecutionEngine.BENCHMARK) {
      throw new ParameterException(cli, "--engine must be base or pure, got benchmark");
    }
    if (o.port < 0 || o.port > 65535) {
      throw new ParameterException(cli, "--port must be 1 to 65535 (or 0 for no web UI), got " + o.port);
    }
    if (o.trialThreads < 0) {
      throw new ParameterException(cli, "--trial-threads must be 0 (automatic) or more, got " + o.trialThreads);
    }
    NasExperiment exp = run(o);
    if (exp.webUi().isPresent()) {
      // A short run is over before a browser loads: the page stays, read from the store, until Ctrl-C.
      System.out.println("jnas: the experiment has ended; its web UI keeps serving at " + exp.webUi().get() + " until Ctrl-C");
      Thread.currentThread().join();
    }
  }

  private static void atLeast(CommandLine cli, String option, int value, int min) {
    if (value < min) {
      throw new ParameterException(cli, option + " must be at least " + min + ", got " + value);
    }
  }

  /** Runs the tutorial experiment; returns it for inspection. */
  public static NasExperiment run(int maxTrials, int concurrency, int epochs, int trainSize, ExecutionEngine engine, int port,
      Path exportDir, Path experimentDir, String data) throws Exception {
    Options o = new Options();
    o.maxTrials = maxTrials;
    o.concurrency = concurrency;
    o.epochs = epochs;
    o.trainSize = trainSize;
    o.engine = engine;
    o.port = port;
    o.exportDir = exportDir;
    o.experimentDir = experimentDir;
    o.data = data;
    return run(o);
  }

  static NasExperiment run(Options o) throws Exception {
    int maxTrials = o.maxTrials;
    int concurrency = o.concurrency;
    int epochs = o.epochs;
    int trainSize = o.trainSize;
    Path exportDir = o.exportDir;
    Path experimentDir = o.experimentDir;
    Path mnist = MnistData.locate(o.data);
    MnistData all = MnistData.load(mnist);
    int validationSize = Math.min(2000, all.size() / 5);
    if (trainSize < 1 || trainSize + validationSize > all.size()) {
      throw new ParameterException(new CommandLine(new Options()), "--train-size must be 1 to " + (all.size() - validationSize)
          + " (the last " + validationSize + " of " + all.size() + " images validate), got " + trainSize);
    }
    MnistData train = all.slice(0, trainSize);
    MnistData validation = all.slice(all.size() - validationSize, all.size());
    System.out.printf("MNIST from %s: %d training and %d validation images%n", mnist, train.size(), validation.size());

    NasExperiment exp = new NasExperiment(new ModelSpace(),
        new FunctionalEvaluator(models -> evaluateModel(models, train, validation, epochs)), new RandomStrategy().dedup(true));
    ExperimentConfig config = ExperimentConfig.local()
        .experimentName("mnist_search").maxTrialNumber(maxTrials).trialConcurrency(concurrency)
        .executionEngine(o.engine).trainingService(o.service).trialThreads(o.trialThreads)
        .workerJvmOptions(o.workerJvmOptions.toArray(String[]::new)).inputShape(1, 28, 28);
    if (experimentDir != null) {
      config.experimentDir(experimentDir);
    }
    exp.run(config, o.port);

    List<Object> top = exp.exportTopModels(1, Formatter.DICT);
    System.out.println("Top model: " + top);
    if (!top.isEmpty()) {
      String source = (String) exp.exportTopModels(1, Formatter.CODE).get(0);
      System.out.println("Its generated source is in " + exp.experimentDir().resolve("export"));
      if (exportDir != null) {
        Files.createDirectories(exportDir);
        Files.writeString(exportDir.resolve("top-1.json"), Sample.of(castMap(top.get(0))).toJson() + "\n");
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
}
