/**
 * The trial side: evaluators, result reporting, datasets and DJL training helpers. Arrives with
 * issue 5; depends on DJL and its PyTorch engine.
 */
package dev.jnas.runtime;
