/**
 * Mutators: each declares the choices it exposes and applies a sample by building a new graph,
 * never editing one in place. Arrives with issue 4; depends on {@code ir} only.
 */
package dev.jnas.mutators;
