package dev.jnas.engine.strategy;

import dev.jnas.ir.Sample;

/** An architecture a constraint turned away before it ran, and why. */
public record Rejection(Sample sample, String reason) {}
