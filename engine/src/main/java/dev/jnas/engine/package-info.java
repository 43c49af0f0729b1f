/**
 * Experiments: configuration, strategies, execution engines, persistence, export, web UI and CLI.
 * Arrives with issue 5; depends on every other module.
 */
package dev.jnas.engine;
