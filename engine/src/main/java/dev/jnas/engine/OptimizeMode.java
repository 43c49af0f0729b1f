package dev.jnas.engine;

/** Whether a larger final metric is better (accuracy) or a smaller one (loss). */
public enum OptimizeMode {
  MAXIMIZE,
  MINIMIZE;

  /** Orders metrics best first. */
  public int compareBestFirst(double a, double b) {
    return this == MAXIMIZE ? Double.compare(b, a) : Double.compare(a, b);
  }
}
