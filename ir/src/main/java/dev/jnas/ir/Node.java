package dev.jnas.ir;

import dev.jnas.ir.op.Op;
import java.util.List;

/** One operation of a graph: its name (the value it defines), what it computes, and what it reads. */
public record Node(String name, Op op, List<String> inputs) {
  public Node {
    Names.check(name, "node");
    if (op == null) {
      throw new IrException(List.of(name), "node has no op");
    }
    inputs = List.copyOf(inputs);
  }
}
