package dev.jnas.ir.text;

import dev.jnas.ir.IrException;

/**
 * The one exception {@link IrParser} throws for bad input, whatever is wrong with it: a syntax
 * error, an unknown op or attribute, a bad reference, a choice conflict or a shape error. It
 * names a 1-based line and column and what was expected there.
 */
public final class IrParseException extends IrException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;
  private final String reason;

  public IrParseException(int line, int column, String reason) {
    super("line " + line + ":" + column + ": " + reason);
    this.line = line;
    this.column = column;
    this.reason = reason;
  }

  /** 1-based line of the fault. */
  public int line() {
    return line;
  }

  /** 1-based column of the fault. */
  public int column() {
    return column;
  }

  /** What is wrong, without the position. */
  public String reason() {
    return reason;
  }
}
