package dev.jnas.ir;

import dev.jnas.ir.op.Op;
import java.util.List;

/**
 * One operation of a graph: its name (the value it defines), what it computes, what it reads, and
 * for a layer called more than once, the earlier node whose parameters it uses ({@code shares},
 * null for a node with its own).
 */
public record Node(String name, Op op, List<String> inputs, String shares) {
  public Node {
    Names.check(name, "node");
    if (op == null) {
      throw new IrException(List.of(name), "node has no op");
    }
    inputs = List.copyOf(inputs);
    if (shares != null) {
      Names.check(shares, "shared node");
    }
  }

  public Node(String name, Op op, List<String> inputs) {
    this(name, op, inputs, null);
  }

  /** This node with {@code op} in place of its own, reading {@code inputs}; its sharing kept. */
  public Node with(Op op, List<String> inputs) {
    return new Node(name, op, inputs, shares);
  }
}
