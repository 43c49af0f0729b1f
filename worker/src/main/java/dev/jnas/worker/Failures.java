package dev.jnas.worker;

import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;

/** A trial's failure in one line for its record: the root exception's type and first message line. */
public final class Failures {
  private Failures() {}

  public static String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root && (root instanceof UncheckedIOException
        || root.getClass() == RuntimeException.class || root instanceof InvocationTargetException)) {
      root = root.getCause();
    }
    String message = root.getMessage();
    String line = root.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    if (message != null && message.contains("PtGradientCollector is already collecting")) {
      line += " (DJL's PyTorch engine trains one model per process at a time: wrap each training step in"
          + " TrainingLock.step, as ClassificationEvaluator does)";
    }
    return line;
  }
}
