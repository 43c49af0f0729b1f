package dev.jnas.ir.op;

/** Element-wise sum of its inputs, broadcast. */
public record Add() implements ElementwiseOp {}
