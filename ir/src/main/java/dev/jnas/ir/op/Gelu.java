package dev.jnas.ir.op;

/** Activation: x times the standard normal CDF of x. */
public record Gelu() implements ActivationOp {}
