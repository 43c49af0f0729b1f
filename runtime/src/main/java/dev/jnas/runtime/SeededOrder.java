package dev.jnas.runtime;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import java.util.Iterator;
import java.util.Random;
import java.util.stream.LongStream;

/**
 * Visits a dataset's examples in an order drawn from a seed, a new order each epoch: DJL's
 * {@code RandomSampler} draws from a process-wide generator, so its order depends on whatever
 * else ran in the process.
 */
final class SeededOrder implements Sampler.SubSampler {
  private final Random random;

  SeededOrder(long seed) {
    this.random = new Random(seed);
  }

  @Override
  public Iterator<Long> sample(RandomAccessDataset dataset) {
    long[] order = LongStream.range(0, dataset.size()).toArray();
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return LongStream.of(order).iterator();
  }
}
