package dev.jnas.ir;

/** The kinds of choice point a search space holds. */
public enum ChoiceKind {
  /** Picks one candidate subgraph. */
  LAYER,
  /** Picks one literal value, which attribute expressions read. */
  VALUE,
  /** Picks a subset of a node's inputs. */
  INPUT,
  /** Picks how many times a block repeats. */
  REPEAT
}
