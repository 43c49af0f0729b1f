package dev.jnas.ir;

import java.util.List;

/** A graph, op or expression that breaks an IR rule; {@link #path()} names where. */
public class IrException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> path;

  public IrException(String message) {
    this(List.of(), message);
  }

  /**
   * @param path node names from the outermost graph inward, with a layer-choice or repeat
   *     candidate's name between a node and the nodes of its candidate graph
   */
  public IrException(List<String> path, String message) {
    super(path.isEmpty() ? message : String.join(" > ", path) + ": " + message);
    this.path = List.copyOf(path);
  }

  /** Where the fault lies: node names from the outermost graph inward (empty: the graph as a whole). */
  public List<String> path() {
    return path;
  }

  /** The message without the location prefix. */
  public String detail() {
    String message = getMessage();
    return path.isEmpty() ? message : message.substring(String.join(" > ", path).length() + 2);
  }

  /** This error located one level further out: {@code outer} is prepended to the path. */
  public IrException within(String... outer) {
    var longer = new java.util.ArrayList<String>(List.of(outer));
    longer.addAll(path);
    IrException moved = new IrException(longer, detail());
    moved.setStackTrace(getStackTrace());
    return moved;
  }
}
