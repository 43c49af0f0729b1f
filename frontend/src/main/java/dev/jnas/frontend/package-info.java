/**
 * The model-space API users write ({@code Module}, layers, choices, {@code @ModelWrapper}) and the
 * tracer that turns an instance into IR. Arrives with issue 3; depends on {@code ir} only.
 */
package dev.jnas.frontend;
