package dev.jnas.engine.service;

import dev.jnas.runtime.Evaluator;
import dev.jnas.worker.TrialRunner;
import dev.jnas.worker.TrialSpec;
import dev.jnas.worker.WorkerMessage;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trials as threads of the engine's JVM, for tests and debugging: no isolation (a crash or a leak
 * takes the experiment with it), training steps of concurrent trials take turns under
 * {@code TrainingLock}, and a cancelled trial that ignores interrupts keeps its thread. The
 * evaluator is used as it is, so it need not be Serializable.
 */
public final class InProcessService implements TrainingService {
  private final Evaluator evaluator;
  private final int concurrency;
  private final ExecutorService pool;
  private final Map<Integer, Future<?>> running = new ConcurrentHashMap<>();
  private TrialListener listener;

  public InProcessService(Evaluator evaluator, int concurrency) {
    this.evaluator = evaluator;
    this.concurrency = concurrency;
    this.pool = Executors.newFixedThreadPool(concurrency, r -> {
      Thread t = new Thread(r, "jnas-trial");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public void start(TrialListener listener) {
    this.listener = listener;
  }

  @Override
  public void submit(TrialSpec spec) {
    listener.waiting(spec.trialId(), "queued for one of " + concurrency + " trial threads");
    running.put(spec.trialId(), pool.submit(() -> {
      int id = spec.trialId();
      listener.started(id, "thread " + Thread.currentThread().getName() + " of the engine's JVM");
      String failure = TrialRunner.run(spec, evaluator, concurrency > 1, m -> {
        if (m instanceof WorkerMessage.Intermediate i) {
          listener.intermediate(id, i.metrics());
        } else if (m instanceof WorkerMessage.Final f) {
          listener.finalResult(id, f.metrics());
        } else if (m instanceof WorkerMessage.Progress p) {
          listener.progress(id, p.done(), p.total());
        }
      });
      running.remove(id);
      listener.ended(id, failure);
    }));
  }

  @Override
  public void cancel(int trial) {
    Future<?> f = running.remove(trial);
    if (f != null) {
      f.cancel(true);
    }
  }

  /** Asks the trial to stop at its next report; interrupts it should it not report again in time. */
  @Override
  public void stopEarly(int trial, Duration untilNextReport) {
    TrialRunner.requestStop(trial);
    Future<?> f = running.get(trial);
    if (f == null) {
      return;
    }
    StopFallback.arm(trial, untilNextReport, () -> running.get(trial) == f, () -> cancel(trial));
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
