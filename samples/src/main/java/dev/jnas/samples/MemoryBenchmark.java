package dev.jnas.samples;

import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.TrainingServiceKind;
import dev.jnas.engine.TrialState;
import dev.jnas.engine.strategy.RandomStrategy;
import dev.jnas.runtime.ClassificationEvaluator;
import dev.jnas.runtime.MnistData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Memory over a long search: many trials of the tutorial space, each training a few Adam batches,
 * with {@code local} workers and with {@code inProcess} threads; prints the resident memory of the
 * engine and its workers together every 100 trials. It should level off after the first hundred.
 * Arguments: trials (1000), concurrency (2), trials before a worker is recycled (50), and which
 * services ("both", "local" or "in_process").
 */
public final class MemoryBenchmark {
  private MemoryBenchmark() {}

  public static void main(String[] args) throws Exception {
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int recycle = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    String which = args.length > 3 ? args[3] : "both";
    MnistData all = MnistData.load(MnistData.locate(null));
    // Three batches of 64 with Adam, then validation on 64 images.
    ClassificationEvaluator evaluator = new ClassificationEvaluator(all.slice(0, 192), all.slice(9000, 9064)).batchSize(64)
        .keepModel(false);
    Path scratch = Files.createTempDirectory("jnas-memory-benchmark");
    for (TrainingServiceKind kind : List.of(TrainingServiceKind.LOCAL, TrainingServiceKind.IN_PROCESS)) {
      if (!which.equals("both") && !which.equalsIgnoreCase(kind.name())) {
        continue;
      }
      NasExperiment exp = new NasExperiment(new ModelSpace(), evaluator, new RandomStrategy().dedup(false))
          .progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      // A few trials beyond the last checkpoint, so it is read while the workers still run.
      Thread runner = new Thread(() -> exp.run(ExperimentConfig.local().experimentName("memory").maxTrialNumber(trials + 2 * concurrency)
          .trialConcurrency(concurrency).trainingService(kind).workerRecycleTrials(recycle).inputShape(1, 28, 28)
          .experimentDir(scratch.resolve(kind.name()))));
      long start = System.nanoTime();
      runner.start();
      StringBuilder engine = new StringBuilder(kind + " every 100 trials, engine RSS (MB):");
      StringBuilder total = new StringBuilder(kind + " every 100 trials, engine + workers RSS (MB):");
      long engineAt100 = -1;
      long totalAt100 = -1;
      long engineLast = -1;
      long totalPeak = 0;
      for (int checkpoint = 100; checkpoint <= trials; checkpoint += 100) {
        while (runner.isAlive() && exp.trials().stream().filter(t -> t.state() == TrialState.SUCCEEDED || t.state() == TrialState.FAILED)
            .count() < checkpoint) {
          Thread.sleep(100);
        }
        System.gc();
        engineLast = rssKb(ProcessHandle.current().pid()) / 1024;
        long both = residentMb();
        engineAt100 = engineAt100 < 0 ? engineLast : engineAt100;
        totalAt100 = totalAt100 < 0 ? both : totalAt100;
        totalPeak = checkpoint > 100 ? Math.max(totalPeak, both) : totalPeak;
        engine.append(' ').append(engineLast);
        total.append(" ").append(both);
      }
      runner.join();
      System.out.println(engine);
      System.out.println(total);
      System.out.printf("  %s: %d trials in %.0f s; the engine grew %d MB after the first 100 trials; engine and workers together"
          + " peaked %d MB above their size at 100 (workers are recycled every %d trials, so their age at a checkpoint varies)%n",
          kind, exp.trials().size(), (System.nanoTime() - start) / 1e9, engineLast - engineAt100, totalPeak - totalAt100,
          recycle);
    }
  }

  /** The resident memory of this JVM and every process it started, from /proc. */
  static long residentMb() {
    return Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
        .mapToLong(p -> rssKb(p.pid())).sum() / 1024;
  }

  private static long rssKb(long pid) {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream().filter(l -> l.startsWith("VmRSS:"))
          .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
    } catch (IOException e) {
      return 0;
    }
  }
}
