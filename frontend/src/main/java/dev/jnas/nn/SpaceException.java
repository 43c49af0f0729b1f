package dev.jnas.nn;

/**
 * A model space that cannot be traced or fixed: a bad candidate, a shape mismatch, a label
 * conflict, a missing {@link ModelWrapper}. The message names the label, candidate, op, shapes and
 * the line of user code where they are known.
 */
public class SpaceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error in a model space, with its {@code message}. */
  public SpaceException(String message) {
    super(message);
  }

  /** An error in a model space, with its {@code message} and underlying {@code cause}. */
  public SpaceException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code label}, checked to be a usable label for {@code what}. */
  static String label(String label, String what) {
    if (label == null || label.isBlank()) {
      throw new SpaceException(what + " label must not be blank");
    }
    return label;
  }
}
