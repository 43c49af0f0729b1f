package dev.jnas.runtime;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A model factory for the runtime's tests: fresh blocks from a supplier, and the blocks an evaluator asked to keep. */
final class RecordingFactory implements ModelFactory {
  final List<Block> saved = new ArrayList<>();
  private final String architecture;
  private final Supplier<Block> blocks;
  private final Map<String, Object> sample;

  RecordingFactory(String architecture, Supplier<Block> blocks) {
    this(architecture, blocks, Map.of());
  }

  RecordingFactory(String architecture, Supplier<Block> blocks, Map<String, Object> sample) {
    this.architecture = architecture;
    this.blocks = blocks;
    this.sample = sample;
  }

  @Override
  public Block newBlock() {
    return blocks.get();
  }

  @Override
  public Map<String, Object> sample() {
    return sample;
  }

  @Override
  public String architecture() {
    return architecture;
  }

  @Override
  public void saveTrained(Block trained) {
    saved.add(trained);
  }
}
