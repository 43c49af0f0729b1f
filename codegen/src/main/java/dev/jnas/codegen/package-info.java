/**
 * Frozen IR to the Java source of a DJL {@code AbstractBlock} (JavaPoet), and the in-memory
 * compiler that loads it. Arrives with issue 4; depends on {@code ir}, JavaPoet and DJL's API.
 */
package dev.jnas.codegen;
