package dev.jnas.maven;

import org.apache.maven.plugins.annotations.Parameter;

/** A goal about one recorded experiment, named by {@code -Djnas.experiment=<id or directory>}. */
abstract class ExperimentMojo extends JnasMojo {
  /** The experiment's id or directory. */
  @Parameter(property = "jnas.experiment", required = true)
  String experiment;
}
