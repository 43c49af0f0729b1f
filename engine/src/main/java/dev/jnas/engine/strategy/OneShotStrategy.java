package dev.jnas.engine.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jnas.ir.Choice;
import dev.jnas.ir.Sample;
import dev.jnas.runtime.OneShotTrainer;
import dev.jnas.runtime.OneShotTrial;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A one-shot strategy (NNI's one-shot NAS, run through the same experiment as the multi-trial
 * ones): trial 1 trains the space's generated supernet (see {@link OneShotTrial}) and reports the
 * architecture it derives; trial 2 retrains that architecture from scratch with the experiment's
 * evaluator, so the one-shot estimate (trial 1's metric) stands next to the real accuracy (trial
 * 2's). Without retraining the experiment ends after trial 1, and {@link #derived()} holds the
 * architecture. Asked while its supernet trains, it waits.
 */
public abstract class OneShotStrategy<S extends OneShotStrategy<S>> implements Strategy {
  private final OneShotTrainer.Method method;
  private boolean retrain = true;
  private int epochs;
  private ArchitectureSpace space;
  private boolean supernetProposed;
  private boolean supernetTold;
  private Sample derived;
  private boolean derivedProposed;
  private String failure;

  protected OneShotStrategy(OneShotTrainer.Method method) {
    this.method = method;
  }

  /** This strategy, as its own class, for the settings to chain. */
  protected abstract S self();

  /** Whether to retrain the derived architecture from scratch as a second trial (default {@code true}). */
  public S retrain(boolean retrain) {
    this.retrain = retrain;
    return self();
  }

  /**
   * Epochs to train the supernet (default 0: as many as the evaluator trains an architecture, which
   * is also how the derived architecture is retrained).
   */
  public S epochs(int epochs) {
    if (epochs < 0) {
      throw new IllegalArgumentException("epochs must be at least 1 (or 0: the evaluator's), got " + epochs);
    }
    this.epochs = epochs;
    return self();
  }

  /** The supernet's epochs, 0 for the evaluator's. */
  protected int epochs() {
    return epochs;
  }

  /** The supernet trial's sample: the method and its settings. */
  protected abstract Map<String, Object> supernetSample();

  /** The method: DARTS or SPOS. */
  public OneShotTrainer.Method method() {
    return method;
  }

  /** The architecture the supernet trial derived, once it has. */
  public Optional<Sample> derived() {
    return Optional.ofNullable(derived);
  }

  @Override
  public void start(ArchitectureSpace space, long seed) {
    this.space = space;
  }

  @Override
  public Optional<Sample> ask() {
    if (!supernetProposed) {
      supernetProposed = true;
      return Optional.of(Sample.of(supernetSample()));
    }
    if (derived != null && retrain && !derivedProposed) {
      derivedProposed = true;
      return Optional.of(derived);
    }
    return Optional.empty();
  }

  @Override
  public boolean awaitsRunningTrials() {
    return supernetProposed && !supernetTold;
  }

  @Override
  public void tell(Sample sample, OptionalDouble metric) {
    tell(sample, metric, Map.of());
  }

  @Override
  public void tell(Sample sample, OptionalDouble metric, Map<String, Double> metrics) {
    if (!isSupernetTrial(sample)) {
      return; // the retrained architecture: nothing left to decide
    }
    supernetTold = true;
    if (metric.isEmpty()) {
      failure = "the supernet trial gave no result";
      return;
    }
    Map<String, Object> decisions = new LinkedHashMap<>();
    for (Choice c : space.choices()) {
      Double index = metrics.get(OneShotTrial.pathKey(c.label()));
      if (index == null || index < 0 || index >= c.candidates().size()) {
        failure = "the supernet trial's result has no candidate for choice '" + c.label() + "' (" + metrics.keySet() + ")";
        return;
      }
      decisions.put(c.label(), c.candidates().get(index.intValue()));
    }
    derived = space.canonical(decisions);
  }

  @Override
  public String snapshot() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("supernetProposed", supernetProposed);
    state.put("supernetTold", supernetTold);
    state.put("derived", derived == null ? null : derived.toJson());
    state.put("derivedProposed", derivedProposed);
    state.put("failure", failure);
    return StrategyState.write(state);
  }

  @Override
  public void restore(String snapshot) {
    JsonNode state = StrategyState.read(snapshot, getClass().getSimpleName());
    supernetProposed = state.get("supernetProposed").asBoolean();
    supernetTold = state.get("supernetTold").asBoolean();
    derived = state.get("derived").isNull() ? null : Sample.fromJson(state.get("derived").asText());
    derivedProposed = state.get("derivedProposed").asBoolean();
    failure = state.get("failure").isNull() ? null : state.get("failure").asText();
  }

  @Override
  public String exhaustedReason() {
    if (failure != null) {
      return failure;
    }
    if (derived == null) {
      return "the supernet trial has not derived an architecture";
    }
    return "one-shot " + method.name() + " derived " + derived.toJson() + (retrain ? ", retrained from scratch" : "");
  }

  /** Whether {@code sample} is a supernet trial's (no architecture: the method and its settings). */
  public static boolean isSupernetTrial(Sample sample) {
    return sample.decisions().containsKey(OneShotTrial.KEY);
  }

  /** The choices of the space, for subclasses' checks. */
  protected List<Choice> choices() {
    return space.choices();
  }
}
