package dev.jnas.nn;

/**
 * A model space that cannot be traced or fixed: a bad candidate, a shape mismatch, a label
 * conflict, a missing {@link ModelWrapper}. The message names the label, candidate, op, shapes and
 * the line of user code where they are known.
 */
public class SpaceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SpaceException(String message) {
    super(message);
  }

  public SpaceException(String message, Throwable cause) {
    super(message, cause);
  }
}
