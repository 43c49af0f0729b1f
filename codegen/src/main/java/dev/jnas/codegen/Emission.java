package dev.jnas.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;

/**
 * What one IR node becomes in the generated class: an optional child block (its type and the
 * expression that builds it) and the expression of the node's value in {@code forwardInternal}.
 */
record Emission(ClassName childType, CodeBlock childBuilder, CodeBlock value) {
  static Emission inline(CodeBlock value) {
    return new Emission(null, null, value);
  }

  boolean hasChild() {
    return childType != null;
  }
}
