package dev.jnas.ir.op;

/**
 * What a node computes: a primitive tensor operation, or a choice point that a sample resolves
 * (a layer choice, an input choice or a repeat, and a cell's loose end, which follows input
 * choices), or a placeholder that only a custom mutator replaces. A frozen graph holds primitive
 * ops only.
 */
public sealed interface Op permits PrimitiveOp, LayerChoiceOp, InputChoiceOp, RepeatOp, LooseEndOp, PlaceholderOp {
  /** The op's name in the text format, such as {@code conv2d} or {@code layerChoice}. */
  String kind();
}
