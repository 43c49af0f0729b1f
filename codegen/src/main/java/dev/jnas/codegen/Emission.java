package dev.jnas.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.jnas.ir.TensorShape;

/**
 * What one IR node becomes in the generated class: an optional child block (its type, the
 * expression that builds it, and the shape it is initialised with when that is not the node's
 * first input), the expression of the node's value in {@code forwardInternal}, and whether that
 * expression calls the class's spread helper for transposed convolutions.
 */
record Emission(ClassName childType, CodeBlock childBuilder, CodeBlock value, TensorShape childInput, boolean spreads) {
  static Emission inline(CodeBlock value) {
    return new Emission(null, null, value, null, false);
  }

  boolean hasChild() {
    return childType != null;
  }
}
