package dev.jnas.runtime;

import java.io.Serializable;
import java.util.Map;
import java.util.Optional;

/** An evaluator setting: a fixed value, or a {@link Hyperparameter} the trial's sample decides. */
record Setting<T>(T fixed, Hyperparameter<T> choice) implements Serializable {
  static <T> Setting<T> of(T value) {
    return new Setting<>(value, null);
  }

  static <T> Setting<T> of(Hyperparameter<T> choice) {
    if (choice == null) {
      throw new IllegalArgumentException("a hyperparameter setting needs a hyperparameter, got null");
    }
    return new Setting<>(null, choice);
  }

  /** The value for a trial whose decisions are {@code sample}. */
  T in(Map<String, Object> sample) {
    return choice == null ? fixed : choice.valueIn(sample);
  }

  Optional<Hyperparameter<T>> hyperparameter() {
    return Optional.ofNullable(choice);
  }
}
