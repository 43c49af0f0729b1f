package dev.jnas.ir.op;

/** How many inputs an op takes: between {@code min} and {@code max} inclusive. */
public record Arity(int min, int max) {
  public static final Arity UNARY = new Arity(1, 1);
  public static final Arity BINARY = new Arity(2, 2);
  public static final Arity AT_LEAST_ONE = new Arity(1, Integer.MAX_VALUE);
  public static final Arity AT_LEAST_TWO = new Arity(2, Integer.MAX_VALUE);

  public boolean accepts(int n) {
    return n >= min && n <= max;
  }

  @Override
  public String toString() {
    if (min == max) {
      return min == 1 ? "1 input" : min + " inputs";
    }
    return max == Integer.MAX_VALUE ? "at least " + min + " inputs" : min + " to " + max + " inputs";
  }
}
