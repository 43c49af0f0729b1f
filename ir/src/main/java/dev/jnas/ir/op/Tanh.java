package dev.jnas.ir.op;

/** Activation: the hyperbolic tangent. */
public record Tanh() implements ActivationOp {}
