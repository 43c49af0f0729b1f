package dev.jnas.engine.strategy;

import dev.jnas.ir.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shared part of the built-in strategies: constraints. {@link #ask()} draws proposals until one
 * passes every constraint, keeping the rejections for the experiment to record.
 */
public abstract class SearchStrategy implements Strategy {
  /** Proposals rejected in a row after which the strategy gives up. */
  static final int MAX_REJECTIONS = 10_000;

  private final List<Constraint> constraints = new ArrayList<>();
  private final List<Rejection> rejections = new ArrayList<>();
  private ArchitectureSpace space;
  private String givenUp;

  /** Adds a filter every proposal must pass before it runs. */
  public SearchStrategy constraint(Constraint constraint) {
    constraints.add(constraint);
    return this;
  }

  @Override
  public final void start(ArchitectureSpace space, long seed) {
    this.space = space;
    this.givenUp = null;
    begin(space, seed);
  }

  /** Prepares for a run over {@code space}. */
  protected abstract void begin(ArchitectureSpace space, long seed);

  /** The next proposal before constraints, or empty when this strategy has nothing new. */
  protected abstract Optional<Sample> propose();

  @Override
  public final Optional<Sample> ask() {
    for (int attempt = 0; attempt < MAX_REJECTIONS; attempt++) {
      Optional<Sample> proposal = propose();
      if (proposal.isEmpty()) {
        return proposal;
      }
      String reason = rejection(proposal.get());
      if (reason == null) {
        return proposal;
      }
      rejections.add(new Rejection(proposal.get(), reason));
      rejected(proposal.get());
    }
    givenUp = "the constraints rejected " + MAX_REJECTIONS + " proposals in a row";
    return Optional.empty();
  }

  /** Called for a proposal a constraint turned away (it never runs). */
  protected void rejected(Sample sample) {}

  private String rejection(Sample sample) {
    if (constraints.isEmpty()) {
      return null;
    }
    ArchitectureStats stats = space.stats(sample);
    for (Constraint c : constraints) {
      Optional<String> reason = c.check(sample, stats);
      if (reason.isPresent()) {
        return reason.get();
      }
    }
    return null;
  }

  /** The rejections since the last call, for the experiment to record. */
  public final List<Rejection> drainRejections() {
    List<Rejection> out = List.copyOf(rejections);
    rejections.clear();
    return out;
  }

  @Override
  public String exhaustedReason() {
    return givenUp != null ? givenUp : why();
  }

  /** Why {@link #propose()} came back empty. */
  protected abstract String why();
}
