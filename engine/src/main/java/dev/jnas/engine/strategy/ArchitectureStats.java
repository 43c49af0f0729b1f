package dev.jnas.engine.strategy;

import java.util.List;

/** Static figures of one architecture, from its frozen IR: trainable parameters, FLOPs per example, output shapes. */
public record ArchitectureStats(long params, long flops, List<String> outputShapes) {
  public ArchitectureStats {
    outputShapes = List.copyOf(outputShapes);
  }
}
