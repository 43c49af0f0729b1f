package dev.jnas.nn;

/** Where {@link ValueChoice#value()} finds a decision: the running trace, or a fixed construction. */
final class Resolution {
  private Resolution() {}

  static Object valueOf(ValueChoice<?> choice) {
    Trace trace = Trace.active();
    if (trace != null) {
      return trace.resolve(choice);
    }
    FixedArchitecture.Construction construction = FixedArchitecture.construction();
    if (construction != null) {
      return construction.resolve(choice);
    }
    throw new SpaceException("the value of " + choice + " is known only in a fixed architecture "
        + "(FixedArchitecture.instantiate) " + Trace.userFrame());
  }
}
