package dev.jnas.maven;

import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** {@code mvn jnas:export -Djnas.experiment=<id or directory> -Djnas.format=code}: the top models, or every trial as CSV. */
@Mojo(name = "export", requiresProject = false, threadSafe = true)
public final class ExportMojo extends ExperimentMojo {
  /** How many models. */
  @Parameter(property = "jnas.top", defaultValue = "1")
  int top;

  /** dict, code (with trained .params), onnx, or csv. */
  @Parameter(property = "jnas.format", defaultValue = "dict")
  String format;

  @Override
  List<String> command() {
    return List.of("export", experiment, "--top", Integer.toString(top), "--format", format);
  }
}
