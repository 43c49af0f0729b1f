package dev.jnas.runtime;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.AdamW;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.optimizer.Sgd;
import java.util.HashMap;
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
 *
 * <p>Adam and AdamW here also count steps per parameter, as PyTorch's Adam does. DJL's
 * {@code updateCount} returns the most updates any parameter has had so far, so a parameter that
 * sat out steps (SPOS leaves the candidates off the path alone) was bias-corrected for steps it
 * never took, by a count that depended on the order DJL's parameter store (a hash map keyed by
 * random ids) updated parameters in: the same seed trained differently from run to run. Where every
 * parameter moves every step, as in ordinary training, the two counts are the same.
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

  /** Each parameter's own number of updates. */
  private static final class StepCounts {
    private final Map<String, Integer> counts = new HashMap<>();

    /** Counts one more update of {@code parameterId}; its updates so far, this one included. */
    int next(String parameterId) {
      return counts.merge(parameterId, 1, Integer::sum);
    }
  }

  private static final class OwnedAdam extends Adam {
    private final NDManager owner;
    private final StepCounts steps = new StepCounts();

    OwnedAdam(Adam.Builder builder, NDManager owner) {
      super(builder);
      this.owner = owner;
    }

    @Override
    protected NDArray withDefaultState(Map<String, Map<Device, NDArray>> state, String key, Device device,
        Function<String, NDArray> defaultFunction) {
      return owned(super.withDefaultState(state, key, device, defaultFunction), owner);
    }

    @Override
    protected int updateCount(String parameterId) {
      super.updateCount(parameterId);
      return steps.next(parameterId);
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
    private final StepCounts steps = new StepCounts();

    OwnedAdamW(AdamW.Builder builder, NDManager owner) {
      super(builder);
      this.owner = owner;
    }

    @Override
    protected NDArray withDefaultState(Map<String, Map<Device, NDArray>> state, String key, Device device,
        Function<String, NDArray> defaultFunction) {
      return owned(super.withDefaultState(state, key, device, defaultFunction), owner);
    }

    @Override
    protected int updateCount(String parameterId) {
      super.updateCount(parameterId);
      return steps.next(parameterId);
    }
  }
}
