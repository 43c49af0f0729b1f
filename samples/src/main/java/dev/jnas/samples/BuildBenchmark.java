package dev.jnas.samples;

import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.store.ExperimentStore;
import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.ExperimentView;
import dev.jnas.engine.TrialState;
import dev.jnas.engine.strategy.GridSearchStrategy;
import dev.jnas.ir.Analysis;
import dev.jnas.ir.Graph;
import dev.jnas.ir.TensorShape;
import dev.jnas.mutators.Mutators;
import dev.jnas.nn.Tracer;
import dev.jnas.runtime.ClassificationEvaluator;
import dev.jnas.runtime.FunctionalEvaluator;
import dev.jnas.runtime.MnistData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds jnas's tabular benchmark with a real jnas run: grid search over every architecture of
 * {@link BenchmarkSpace}, each trained for one epoch on the first 2,000 MNIST test-split images and
 * validated on the last 2,000; writes one line per architecture (sample, accuracy, parameters,
 * FLOPs). Arguments: output file, MNIST directory (optional), experiment directory (optional).
 */
public final class BuildBenchmark {
  private BuildBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path output = Path.of(args.length > 0 ? args[0] : "samples/src/main/resources/benchmarks/mnist-192.tsv");
    MnistData all = MnistData.load(MnistData.locate(args.length > 1 ? args[1] : null));
    MnistData train = all.slice(0, 2000);
    MnistData validation = all.slice(all.size() - 2000, all.size());
    Path experiment = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("jnas-benchmark");
    // An experiment directory that already holds the finished run is only read back.
    if (!Files.exists(experiment.resolve(ExperimentStore.FILE))) {
      NasExperiment exp = new NasExperiment(new BenchmarkSpace(), new FunctionalEvaluator(models ->
          new ClassificationEvaluator(train, validation).epochs(1).batchSize(32).learningRate(1e-3).evaluate(models)),
          new GridSearchStrategy());
      exp.run(ExperimentConfig.local().experimentName("mnist-benchmark").maxTrialNumber(1000).trialConcurrency(2)
          .inputShape(1, 28, 28).experimentDir(experiment));
    }
    ExperimentView run = NasExperiment.view(experiment);
    Graph space = Tracer.trace(new BenchmarkSpace(), TensorShape.batchOf(1, 28, 28)).graph();
    List<String> lines = new ArrayList<>();
    lines.add("# jnas tabular benchmark: every architecture of dev.jnas.samples.BenchmarkSpace, trained once");
    lines.add("# 1 epoch, Adam 1e-3, batch 32, on the first 2,000 images of the MNIST test split; accuracy on the last 2,000");
    lines.add("# made by: mvn -B -q -pl samples -am compile exec:java@build-benchmark  (" + LocalDate.now() + ", "
        + run.elapsedMillis() / 1000 + " s on 2 cores)");
    lines.add("sample\taccuracy\tparams\tflops");
    for (ExperimentStore.StoredTrial t : run.trials()) {
      if (t.state() != TrialState.SUCCEEDED) {
        throw new IllegalStateException("trial " + t.id() + " failed: " + t.failure());
      }
      Analysis a = Analysis.of(Mutators.freeze(space, t.sample()));
      lines.add(t.sample().toJson() + "\t" + String.format("%.4f", t.finalMetric().getAsDouble()) + "\t" + a.params() + "\t" + a.flops());
    }
    Files.createDirectories(output.toAbsolutePath().getParent());
    Files.write(output, lines);
    System.out.println("wrote " + (lines.size() - 4) + " architectures to " + output + " (experiment " + experiment + ", "
        + ExperimentStore.FILE + ")");
  }
}
