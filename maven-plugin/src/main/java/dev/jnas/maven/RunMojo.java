package dev.jnas.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * {@code mvn jnas:run -Djnas.mainClass=com.example.MySearch}: runs the project's main class that
 * runs an experiment, with the project's runtime class path, which its worker JVMs get too and
 * which is recorded so that {@code jnas:resume} finds it again. Compile first ({@code mvn compile
 * jnas:run}).
 */
@Mojo(name = "run", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class RunMojo extends JnasMojo {
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  /** The main class. */
  @Parameter(property = "jnas.mainClass", required = true)
  String mainClass;

  /** Its arguments, separated by spaces. */
  @Parameter(property = "jnas.args")
  String args;

  /** Where trials run, over what the program says: local, in_process or slurm. */
  @Parameter(property = "jnas.trainingService")
  String trainingService;

  @Override
  boolean takesRoot() {
    return false;
  }

  @Override
  List<String> command() throws MojoFailureException {
    List<String> command = new ArrayList<>(List.of("run", "--class-path", classPath()));
    if (trainingService != null) {
      command.addAll(List.of("--training-service", trainingService));
    }
    command.add(mainClass);
    command.addAll(words(args));
    return command;
  }

  private String classPath() throws MojoFailureException {
    try {
      return String.join(File.pathSeparator, project.getRuntimeClasspathElements());
    } catch (DependencyResolutionRequiredException e) {
      throw new MojoFailureException("cannot resolve the project's runtime class path: " + e.getMessage(), e);
    }
  }
}
