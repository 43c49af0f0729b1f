package dev.jnas.maven;

import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** {@code mvn jnas:view -Djnas.experiment=<id or directory> [-Djnas.port=8081]}: one experiment, and its web UI on a port. */
@Mojo(name = "view", requiresProject = false, threadSafe = true)
public final class ViewMojo extends ExperimentMojo {
  /** Serve the web UI on this port until Ctrl-C (0: none). */
  @Parameter(property = "jnas.port", defaultValue = "0")
  int port;

  @Override
  List<String> command() {
    return List.of("view", experiment, "--port", Integer.toString(port));
  }
}
