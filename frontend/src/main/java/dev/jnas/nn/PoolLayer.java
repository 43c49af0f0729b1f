package dev.jnas.nn;

import java.util.List;
import java.util.function.Function;

/** A square-window pooling layer; the stride defaults to the kernel, as in PyTorch. */
abstract class PoolLayer extends Layer {
  final Object kernel;
  final Object stride;
  final Object padding;

  PoolLayer(String name, Object kernel, Object stride, Object padding) {
    this.kernel = arg(name, "kernel", kernel);
    this.stride = arg(name, "stride", stride);
    this.padding = arg(name, "padding", padding);
  }

  @Override
  final List<String> describe(Function<Object, String> r) {
    List<String> out = list("kernel=" + r.apply(kernel), "stride=" + r.apply(stride));
    option(out, "padding", padding, 0, r);
    return out;
  }
}
