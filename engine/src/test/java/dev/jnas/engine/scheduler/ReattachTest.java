package dev.jnas.engine.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnas.engine.ExecutionEngine;
import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.ExperimentFiles;
import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.TracedArchitectures;
import dev.jnas.engine.TrainingServiceKind;
import dev.jnas.engine.Trial;
import dev.jnas.engine.TrialState;
import dev.jnas.engine.service.TrainingService;
import dev.jnas.engine.service.TrialListener;
import dev.jnas.engine.store.ExperimentStore;
import dev.jnas.engine.strategy.GridSearchStrategy;
import dev.jnas.ir.Graph;
import dev.jnas.ir.TensorShape;
import dev.jnas.nn.Tracer;
import dev.jnas.nn.spaces.TutorialSpace;
import dev.jnas.runtime.FunctionalEvaluator;
import dev.jnas.runtime.Nas;
import dev.jnas.worker.TrialSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After an engine restart, trials a service still runs are taken up where they are, not run again. */
class ReattachTest {
  @TempDir Path dir;

  /** A batch scheduler that still runs trial 2 from before the restart, and finishes anything submitted at once. */
  static final class StillRunning implements TrainingService {
    final List<Integer> submitted = new ArrayList<>();
    TrialListener listener;

    @Override
    public void start(TrialListener listener) {
      this.listener = listener;
    }

    @Override
    public Set<Integer> reattach(Set<Integer> recorded) {
      new Thread(() -> {
        listener.started(2, "job 1002 (re-attached)");
        listener.finalResult(2, Map.of("default", 0.9));
        listener.ended(2, null);
      }).start();
      return recorded.contains(2) ? Set.of(2) : Set.of();
    }

    @Override
    public void submit(TrialSpec spec) {
      submitted.add(spec.trialId());
      listener.started(spec.trialId(), "job " + (1000 + spec.trialId()));
      listener.finalResult(spec.trialId(), Map.of("default", 0.5));
      listener.ended(spec.trialId(), null);
    }

    @Override
    public void cancel(int trial) {}

    @Override
    public void close() {}
  }

  @Test
  void aTrialTheServiceStillRunsIsReattachedAndTheOthersRunAgain() throws Exception {
    ExperimentConfig config = ExperimentConfig.local().trainingService(TrainingServiceKind.IN_PROCESS).experimentName("reattach")
        .maxTrialNumber(3).inputShape(1, 28, 28).experimentDir(dir);
    new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(m -> Nas.reportFinalResult(0.1)), new GridSearchStrategy())
        .progress(quiet()).run(config);
    // As if the engine died while trials 2 and 3 were with the service.
    ExperimentFiles.sql(dir, "UPDATE trial SET state = 'RUNNING', told = 0, final_metric = NULL WHERE id IN (2, 3)");

    Graph space = Tracer.trace(new TutorialSpace(), TensorShape.batchOf(1, 28, 28)).graph();
    GridSearchStrategy strategy = new GridSearchStrategy();
    strategy.start(new TracedArchitectures(space), config.seed());
    StillRunning service = new StillRunning();
    try (ExperimentStore store = ExperimentStore.openForWriting(dir);
        TrialPreparer preparer = new TrialPreparer(space, TutorialSpace::new, TensorShape.batchOf(1, 28, 28), ExecutionEngine.BASE)) {
      store.latestStrategyState().ifPresent(strategy::restore);
      TrialScheduler scheduler = new TrialScheduler(config, strategy, store, service, preparer, dir, new byte[0], quiet());
      scheduler.restore(store.trials());
      scheduler.run(Duration.ZERO);
      List<Trial> trials = scheduler.trials();
      assertEquals(List.of(3), service.submitted, "only trial 3 ran again");
      assertEquals(List.of(TrialState.SUCCEEDED, TrialState.SUCCEEDED, TrialState.SUCCEEDED), trials.stream().map(Trial::state).toList());
      assertEquals(0.9, trials.get(1).finalMetric().getAsDouble(), "trial 2's result came from the job it was re-attached to");
      assertEquals(0.5, trials.get(2).finalMetric().getAsDouble());
    }
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }
}
