package dev.jnas.ir.op;

import dev.jnas.ir.IrException;
import dev.jnas.ir.TensorShape;
import java.util.List;
import java.util.ServiceLoader;

/**
 * What the IR needs to know of a user's own block ({@link UserBlockOp}), which only the block's
 * library can say: its output shape and parameter count for given constructor arguments and
 * input. jnas-codegen provides the DJL implementation (read from DJL's {@code getOutputShapes});
 * it is found with {@link ServiceLoader}, so the IR stays free of DJL.
 */
public interface BlockShapes {
  /** The output shape of {@code type} built with {@code args} on {@code input} (batch {@link TensorShape#UNKNOWN}). */
  TensorShape outputShape(String type, List<Object> args, TensorShape input);

  /** Its trainable parameters on {@code input}. */
  long params(String type, List<Object> args, TensorShape input);

  /** The provider on the class path; an error saying what to add when there is none. */
  static BlockShapes installed() {
    return Holder.INSTANCE;
  }

  /** Lazily loaded, once. */
  final class Holder {
    private static final BlockShapes INSTANCE = ServiceLoader.load(BlockShapes.class).findFirst().orElse(new BlockShapes() {
      @Override
      public TensorShape outputShape(String type, List<Object> args, TensorShape input) {
        throw missing(type);
      }

      @Override
      public long params(String type, List<Object> args, TensorShape input) {
        throw missing(type);
      }

      private IrException missing(String type) {
        return new IrException("the shape of user block " + type + " comes from its library, and no BlockShapes provider is on the "
            + "class path; add dev.jnas:jnas-codegen (jnas-engine brings it)");
      }
    });

    private Holder() {}
  }
}
