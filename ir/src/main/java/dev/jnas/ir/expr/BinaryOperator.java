package dev.jnas.ir.expr;

/** The binary operators of value-choice expressions, with their text and precedence. */
public enum BinaryOperator {
  TIMES("*", 3),
  DIV("/", 3),
  FLOOR_DIV("//", 3),
  MOD("%", 3),
  PLUS("+", 2),
  MINUS("-", 2),
  EQ("==", 1),
  NE("!=", 1),
  LT("<", 1),
  LE("<=", 1),
  GT(">", 1),
  GE(">=", 1);

  private final String symbol;
  private final int precedence;

  BinaryOperator(String symbol, int precedence) {
    this.symbol = symbol;
    this.precedence = precedence;
  }

  public String symbol() {
    return symbol;
  }

  /** Higher binds tighter; all operators associate to the left. */
  public int precedence() {
    return precedence;
  }

  public static BinaryOperator fromSymbol(String symbol) {
    for (BinaryOperator op : values()) {
      if (op.symbol.equals(symbol)) {
        return op;
      }
    }
    throw new IllegalArgumentException("no operator " + symbol);
  }
}
