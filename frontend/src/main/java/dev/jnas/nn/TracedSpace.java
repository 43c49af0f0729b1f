package dev.jnas.nn;

import dev.jnas.ir.Graph;
import dev.jnas.ir.SearchSpace;

/** A traced model: its IR graph and the search space of its choices (empty for a fixed model). */
public record TracedSpace(Graph graph, SearchSpace searchSpace) {}
