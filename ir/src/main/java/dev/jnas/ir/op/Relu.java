package dev.jnas.ir.op;

/** Activation: max(x, 0). */
public record Relu() implements ActivationOp {}
