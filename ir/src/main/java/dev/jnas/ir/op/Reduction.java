package dev.jnas.ir.op;

/** How an input choice merges the inputs it picks. */
public enum Reduction {
  SUM,
  MEAN,
  CONCAT,
  /** Passes the one chosen input through; only valid when one input is chosen. */
  NONE;

  public String text() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
