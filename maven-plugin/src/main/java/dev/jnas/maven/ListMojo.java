package dev.jnas.maven;

import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;

/** {@code mvn jnas:list}: the experiments under the root, with status, trials and best. */
@Mojo(name = "list", requiresProject = false, threadSafe = true)
public final class ListMojo extends JnasMojo {
  @Override
  List<String> command() {
    return List.of("list");
  }
}
