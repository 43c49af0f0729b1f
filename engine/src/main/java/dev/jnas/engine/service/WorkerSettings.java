package dev.jnas.engine.service;

import java.nio.file.Path;
import java.util.List;

/**
 * How the local service starts its worker JVMs.
 *
 * @param workers how many at once (the experiment's trial concurrency)
 * @param threadsPerTrial PyTorch intra-op threads of each worker (inter-op is always 1)
 * @param heap the {@code -Xmx} of each worker, such as "2g", or null for the JVM's default
 * @param recycleAfterTrials a worker is replaced after this many trials, bounding what any evaluator leaks
 * @param maxRssMb a worker whose resident memory exceeds this after a trial is replaced
 * @param java the java launcher
 * @param classPath the workers' class path: the engine's own, so the user's classes are there too
 * @param jvmOptions further JVM options (DJL's offline flag and the like, passed on from the engine)
 * @param directory where each worker's log and crash reports go ({@code <experiment>/workers})
 */
public record WorkerSettings(int workers, int threadsPerTrial, String heap, int recycleAfterTrials, long maxRssMb, Path java,
    String classPath, List<String> jvmOptions, Path directory) {
  public WorkerSettings {
    jvmOptions = List.copyOf(jvmOptions);
  }
}
