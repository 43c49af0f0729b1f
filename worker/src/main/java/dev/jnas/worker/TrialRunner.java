package dev.jnas.worker;

import ai.djl.engine.Engine;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Sample;
import dev.jnas.ir.text.IrParser;
import dev.jnas.runtime.Evaluator;
import dev.jnas.runtime.ModelFactory;
import dev.jnas.runtime.Nas;
import dev.jnas.runtime.TrialContext;
import dev.jnas.runtime.TrialStoppedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs one trial in this JVM, wherever that is: its architecture's class, its evaluator and seed,
 * with reports going to its {@code reports} consumer and, line by line, to {@value #METRICS} in its folder, so
 * a restarted engine finds what the trial reported while it was away.
 */
public final class TrialRunner {
  /** The trial's own record of its reports, one JSON object per line. */
  public static final String METRICS = "metrics.jsonl";
  /** What the trial's JVM printed on standard output while it ran, in its folder. */
  public static final String STDOUT = "stdout.log";
  /** What it printed on standard error, a failure's stack trace among it. */
  public static final String STDERR = "stderr.log";

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Trials of this JVM the engine has stopped early; each one's next intermediate report ends it. */
  private static final Set<Integer> STOPPING = ConcurrentHashMap.newKeySet();

  private TrialRunner() {}

  /**
   * Runs the trial; returns null when its evaluator returned, else the failure in one line (the
   * stack trace goes to standard error, which the engine keeps in the trial's folder). Its reports go
   * to {@code reports} as {@link WorkerMessage.Intermediate} and {@link WorkerMessage.Final}.
   *
   * @param evaluator the live evaluator (a trial in the engine's JVM), or null to re-create it from the spec
   */
  public static String run(TrialSpec spec, Evaluator evaluator, boolean sharesProcess, Consumer<WorkerMessage> reports) {
    Path out = Path.of(spec.outputDir());
    try {
      Class<? extends AbstractBlock> type = TrialClasses.blockClass(spec);
      Evaluator live = evaluator != null ? evaluator : TrialClasses.deserialize(spec.evaluator());
      Files.createDirectories(out);
      if (!sharesProcess) {
        // One trial per process: its seed makes it repeatable; with several, DJL's process-wide seed cannot.
        Engine.getInstance().setRandomSeed((int) spec.seed());
      }
      Sample sample = Sample.fromJson(spec.sample());
      try {
        Nas.runAs(new Context(spec.trialId(), out, spec.seed(), sharesProcess, reports), () -> live.evaluate(models(spec, sample, type)));
      } finally {
        STOPPING.remove(spec.trialId());
      }
      return null;
    } catch (Throwable t) {
      StringWriter trace = new StringWriter();
      t.printStackTrace(new PrintWriter(trace));
      System.err.print(trace);
      System.err.flush();
      return Failures.describe(t);
    }
  }

  /**
   * Asks the trial running in this JVM with this id to stop (the engine stopped it early): its next
   * intermediate report throws {@link TrialStoppedException}, so the evaluator unwinds and the JVM
   * stays up for the next trial.
   */
  public static void requestStop(int trialId) {
    STOPPING.add(trialId);
  }

  private static ModelFactory models(TrialSpec spec, Sample sample, Class<? extends AbstractBlock> type) {
    return new ModelFactory() {
      @Override
      public Block newBlock() {
        if (type == null) {
          throw new UnsupportedOperationException("a BENCHMARK trial builds no block; its evaluator looks metrics up");
        }
        try {
          return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot instantiate " + spec.className(), e);
        }
      }

      @Override
      public Map<String, Object> sample() {
        return sample.decisions();
      }

      @Override
      public String architecture() {
        return spec.architecture();
      }

      @Override
      public void saveTrained(Block trained) {
        Graph frozen = IrParser.parse(spec.frozenIr());
        TrainedModels.save(trained, frozen, spec.architecture(), Path.of(spec.outputDir()));
      }
    };
  }

  /** How often a trial's progress goes to the engine at most: a few times a second, however fast its batches. */
  private static final long PROGRESS_EVERY_NANOS = 250_000_000L;

  /** The trial as its evaluator sees it through {@link Nas}. */
  private record Context(int trialId, Path outputDir, long seed, boolean sharesProcess, Consumer<WorkerMessage> reports,
      AtomicLong lastProgress) implements TrialContext {
    Context(int trialId, Path outputDir, long seed, boolean sharesProcess, Consumer<WorkerMessage> reports) {
      this(trialId, outputDir, seed, sharesProcess, reports, new AtomicLong(System.nanoTime() - PROGRESS_EVERY_NANOS));
    }

    @Override
    public void reportProgress(long done, long total) {
      long now = System.nanoTime();
      long last = lastProgress.get();
      if ((done == total || now - last >= PROGRESS_EVERY_NANOS) && lastProgress.compareAndSet(last, now)) {
        reports.accept(new WorkerMessage.Progress(trialId, done, total));
      }
    }

    @Override
    public void reportIntermediate(Map<String, Double> metrics) {
      if (STOPPING.remove(trialId)) {
        throw new TrialStoppedException(trialId);
      }
      record("intermediate", metrics);
      reports.accept(new WorkerMessage.Intermediate(trialId, metrics));
    }

    @Override
    public void reportFinal(Map<String, Double> metrics) {
      record("final", metrics);
      reports.accept(new WorkerMessage.Final(trialId, metrics));
    }

    private void record(String kind, Map<String, Double> metrics) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("type", kind);
      line.put("metrics", metrics);
      line.put("at", Instant.now().toString());
      try {
        Files.writeString(outputDir.resolve(METRICS), JSON.writeValueAsString(line) + "\n", StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        // The channel carries the report too; the file is the copy a restarted engine reads.
      }
    }
  }
}
