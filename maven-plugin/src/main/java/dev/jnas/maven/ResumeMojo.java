package dev.jnas.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** {@code mvn jnas:resume -Djnas.experiment=<id or directory>}: continues an experiment {@code jnas:run} started. */
@Mojo(name = "resume", requiresProject = false, threadSafe = true)
public final class ResumeMojo extends ExperimentMojo {
  /** Run the recorded command even though this account did not record it (check it first). */
  @Parameter(property = "jnas.trust", defaultValue = "false")
  boolean trust;

  @Override
  List<String> command() {
    List<String> command = new ArrayList<>(List.of("resume", experiment));
    if (trust) {
      command.add("--trust");
    }
    return command;
  }
}
