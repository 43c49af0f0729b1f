package dev.jnas.maven;

import dev.jnas.engine.cli.Jnas;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What every jnas goal shares: the experiments' root, and running one {@code jnas} command in this JVM. */
abstract class JnasMojo extends AbstractMojo {
  /** Where experiments live (default: $JNAS_HOME or ~/jnas-experiments). */
  @Parameter(property = "jnas.root")
  String root;

  /** The {@code jnas} command this goal runs, without {@code --root}. */
  abstract List<String> command() throws MojoFailureException;

  /** Whether the command takes {@code --root}. */
  boolean takesRoot() {
    return true;
  }

  @Override
  public void execute() throws MojoFailureException {
    // PyTorch's natives come in a jar on this class path: nothing needs the network.
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    List<String> args = new ArrayList<>(command());
    if (root != null && takesRoot()) {
      args.add("--root");
      args.add(root);
    }
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code = Jnas.execute(out, err, args.toArray(String[]::new));
    out.flush();
    err.flush();
    if (code != 0) {
      throw new MojoFailureException("jnas " + String.join(" ", args) + " failed (exit " + code + "); see the message above");
    }
  }

  /** Words of a {@code -Djnas.args="..."} string, split at spaces. */
  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    if (text != null) {
      for (String w : text.trim().split("\\s+")) {
        if (!w.isEmpty()) {
          out.add(w);
        }
      }
    }
    return out;
  }
}
