package dev.jnas.runtime;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.AdamW;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.optimizer.Sgd;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds DJL optimizers whose per-parameter state (Adam's means and variances, SGD's momentum)
 * belongs to an {@link NDManager} the trial closes, so each trial frees the state it made.
 *
 * <p>Why: DJL 0.36's {@code Optimizer.withDefaultState} makes each state array with
 * {@code weight.zerosLike()} and then {@code detach()}es it, which takes it out of the weight's
 * manager and tracks it nowhere, so that, says its comment, "this will let it be closed by the GC
 * when the optimizer is out of scope". The PyTorch engine has no such path: a {@code PtNDArray}
 * frees its tensor only in {@code close()}, with no finalizer or cleaner, so every trial's state
 * stayed in native memory for the life of the JVM. DJL gives no way to close an optimizer's
 * state, hence these subclasses, which move each state array into the owner as it is made.
 */
public final class OptimizerState {
  private OptimizerState() {}

  /** Adam as {@code builder} configures it, its state owned by {@code owner}. */
  public static Optimizer adam(Adam.Builder builder, NDManager owner) {
    return new OwnedAdam(builder, owner);
  }

  /** AdamW as {@code builder} configures it, its state owned by {@code owner}. */
  public static Optimizer adamW(AdamW.Builder builder, NDManager owner) {
    return new OwnedAdamW(builder, owner);
  }

  /** SGD as {@code builder} configures it, its momentum (if any) owned by {@code owner}. */
  public static Optimizer sgd(Sgd.Builder builder, NDManager owner) {
    return new OwnedSgd(builder, owner);
  }

  /** The state array {@code withDefaultState} returned, moved into {@code owner} the first time it is seen. */
  private static NDArray owned(NDArray state, NDManager owner) {
    // A fresh array comes back detached, held by no manager: only the optimizer's maps reach it,
    // and later steps get the same array back, already owned, so the move happens once.
    if (state.getManager() != owner) {
      state.attach(owner);
    }
    return state;
  }

  private static final class OwnedAdam extends Adam {
    private final NDManager owner;

    OwnedAdam(Adam.Builder builder, NDManager owner) {
      super(builder);
      this.owner = owner;
    }

    @Override
    protected NDArray withDefaultState(Map<String, Map<Device, NDArray>> state, String key, Device device,
        Function<String, NDArray> defaultFunction) {
      return owned(super.withDefaultState(state, key, device, defaultFunction), owner);
    }
  }

  private static final class OwnedSgd extends Sgd {
    private final NDManager owner;

    OwnedSgd(Sgd.Builder builder, NDManager owner) {
      super(builder);
      this.owner = owner;
    }

    @Override
    protected NDArray withDefaultState(Map<String, Map<Device, NDArray>> state, String key, Device device,
        Function<String, NDArray> defaultFunction) {
      return owned(super.withDefaultState(state, key, device, defaultFunction), owner);
    }
  }

  private static final class OwnedAdamW extends AdamW {
    private final NDManager owner;

    OwnedAdamW(AdamW.Builder builder, NDManager owner) {
      super(builder);
      this.owner = owner;
    }

    @Override
    protected NDArray withDefaultState(Map<String, Map<Device, NDArray>> state, String key, Device device,
        Function<String, NDArray> defaultFunction) {
      return owned(super.withDefaultState(state, key, device, defaultFunction), owner);
    }
  }
}
