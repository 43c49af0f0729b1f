package dev.jnas.ir;

import java.util.Optional;

/**
 * A graph input. The outermost graph gives every input a shape; a candidate or block graph leaves
 * them out, as it takes the shapes of whatever its node is given.
 */
public record GraphInput(String name, Optional<TensorShape> shape) {
  public GraphInput {
    Names.check(name, "input");
    if (shape == null) {
      throw new IrException("input '" + name + "' needs a shape or Optional.empty()");
    }
  }
}
