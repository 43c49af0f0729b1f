package dev.jnas.engine.cli;

import dev.jnas.engine.Bench;
import dev.jnas.engine.ExecutionEngine;
import dev.jnas.engine.ExperimentStore;
import dev.jnas.engine.ExperimentView;
import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.TrialState;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code jnas} command line: run, list, view, resume, export, trial, bench. Exit codes: 0 on
 * success, 1 when the work failed, 2 on bad usage; errors go to standard error in one line.
 */
@Command(name = "jnas", mixinStandardHelpOptions = true, version = "jnas 0.1.0",
    description = "Neural architecture search for the JVM.",
    subcommands = {Jnas.Run.class, Jnas.ListExperiments.class, Jnas.View.class, Jnas.Resume.class,
        Jnas.Export.class, Jnas.TrialInfo.class, Jnas.BenchCommand.class, CommandLine.HelpCommand.class})
public final class Jnas implements Runnable {
  /** Set by {@code jnas run} for the experiment to record: the main class and its arguments. */
  public static final String COMMAND_PROPERTY = "jnas.command";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: run, list, view, resume, export, trial or bench");
  }

  public static void main(String[] args) {
    System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the command line with these streams; returns the exit code. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Jnas());
    // Everything after the main class belongs to it, options included.
    cli.getSubcommands().get("run").setStopAtPositional(true);
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((e, a) -> {
      err.println("jnas: " + e.getMessage().lines().findFirst().orElse("bad usage") + " (see jnas --help)");
      return 2;
    });
    cli.setExecutionExceptionHandler((e, c, p) -> {
      Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
      err.println("jnas: " + cause.getClass().getSimpleName() + ": " + String.valueOf(cause.getMessage()).lines().findFirst().orElse(""));
      return 1;
    });
    return cli.execute(args);
  }

  /** Where experiments live by default: JNAS_HOME, else ~/jnas-experiments. */
  static Path root(Path option) {
    if (option != null) {
      return option;
    }
    String home = System.getenv("JNAS_HOME");
    return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), "jnas-experiments");
  }

  /** An experiment named by its directory or by its id (directory name, or a unique prefix of one) under the root. */
  static Path locate(String dirOrId, Path root, CommandLine cli) {
    Path direct = Path.of(dirOrId);
    if (Files.isRegularFile(direct.resolve(ExperimentStore.FILE))) {
      return direct;
    }
    List<Path> matches;
    try (Stream<Path> entries = Files.isDirectory(root) ? Files.list(root) : Stream.empty()) {
      matches = entries.filter(p -> p.getFileName().toString().startsWith(dirOrId))
          .filter(p -> Files.isRegularFile(p.resolve(ExperimentStore.FILE))).sorted().toList();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot list " + root, e);
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    throw new CommandLine.ParameterException(cli, matches.isEmpty()
        ? "no experiment '" + dirOrId + "': not a directory holding " + ExperimentStore.FILE + ", nor an id under " + root
        : "'" + dirOrId + "' matches " + matches.size() + " experiments under " + root + ": "
            + matches.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", ")));
  }

  static String best(ExperimentView view) {
    return bestFirst(view).findFirst()
        .map(t -> String.format("%.4f by trial %d %s", t.finalMetric().getAsDouble(), t.id(), t.sample().toJson()))
        .orElse("none yet");
  }

  static Stream<ExperimentStore.StoredTrial> bestFirst(ExperimentView view) {
    return view.trials().stream().filter(t -> t.state() == TrialState.SUCCEEDED)
        .sorted(((Comparator<ExperimentStore.StoredTrial>) (a, b) -> view.config().optimizeMode()
            .compareBestFirst(a.finalMetric().getAsDouble(), b.finalMetric().getAsDouble()))
            .thenComparingInt(ExperimentStore.StoredTrial::id));
  }

  /** Options every experiment command shares. */
  static class RootOption {
    @Option(names = "--root", description = "where experiments live (default: $JNAS_HOME or ~/jnas-experiments)")
    Path root;
  }

  @Command(name = "run", mixinStandardHelpOptions = true, description = "Runs a main class that defines and runs an experiment (such as dev.jnas.samples.HelloNas).")
  static final class Run implements Callable<Integer> {
    @Parameters(index = "0", description = "the main class") String mainClass;
    @Parameters(index = "1..*", description = "its arguments") List<String> args = new ArrayList<>();
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      List<String> command = new ArrayList<>(List.of(mainClass));
      command.addAll(args);
      System.setProperty(COMMAND_PROPERTY, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(command));
      try {
        invokeMain(mainClass, args, spec.commandLine());
      } finally {
        System.clearProperty(COMMAND_PROPERTY);
      }
      return 0;
    }
  }

  static void invokeMain(String mainClass, List<String> args, CommandLine cli) throws Exception {
    Method main;
    try {
      main = Class.forName(mainClass).getMethod("main", String[].class);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      throw new CommandLine.ParameterException(cli, "no class " + mainClass + " with a public static main(String[]) on the class path");
    }
    if (!Modifier.isStatic(main.getModifiers())) {
      throw new CommandLine.ParameterException(cli, mainClass + ".main is not static");
    }
    try {
      main.invoke(null, (Object) args.toArray(new String[0]));
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the experiments under the root.")
  static final class ListExperiments implements Callable<Integer> {
    @CommandLine.Mixin RootOption root;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Path dir = root(root.root);
      PrintWriter out = spec.commandLine().getOut();
      List<Path> experiments;
      try (Stream<Path> entries = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
        experiments = entries.filter(p -> Files.isRegularFile(p.resolve(ExperimentStore.FILE))).sorted().toList();
      }
      if (experiments.isEmpty()) {
        out.println("no experiments under " + dir);
        return 0;
      }
      out.printf("%-40s %-8s %-8s %s%n", "ID", "STATUS", "TRIALS", "BEST");
      for (Path p : experiments) {
        ExperimentView v = NasExperiment.view(p);
        long done = v.trials().stream().filter(t -> t.state() == TrialState.SUCCEEDED || t.state() == TrialState.FAILED).count();
        out.printf("%-40s %-8s %-8s %s%n", p.getFileName(), v.status(), done + "/" + v.config().maxTrialNumber(), best(v));
      }
      return 0;
    }
  }

  @Command(name = "view", mixinStandardHelpOptions = true, description = "Shows an experiment: status, trials per state, best model, search space.")
  static final class View implements Callable<Integer> {
    @Parameters(index = "0", description = "the experiment's directory or id") String experiment;
    @Option(names = "--port", description = "also serve the web UI on this port, read-only, until interrupted") int port;
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "the address the web UI binds to (default 127.0.0.1)") String host;
    @CommandLine.Mixin RootOption root;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      ExperimentView v = NasExperiment.view(locate(experiment, root(root.root), spec.commandLine()));
      PrintWriter out = spec.commandLine().getOut();
      out.printf("experiment %s (%s)%n", v.config().experimentName(), v.dir());
      out.printf("status     %s%s%n", v.status(), v.stopReason().isEmpty() ? "" : ": " + v.stopReason());
      out.printf("elapsed    %.1f s%n", v.elapsedMillis() / 1000.0);
      Map<TrialState, Long> states = v.trials().stream().collect(Collectors.groupingBy(ExperimentStore.StoredTrial::state, Collectors.counting()));
      out.printf("trials     %s%n", Arrays.stream(TrialState.values()).map(s -> s.name().toLowerCase() + " " + states.getOrDefault(s, 0L))
          .collect(Collectors.joining(", ")));
      out.printf("best       %s%n", best(v));
      out.printf("space      %s%n", v.searchSpace().replace("\n", "\n           "));
      if (port != 0) {
        dev.jnas.engine.ui.WebUi ui = NasExperiment.serve(v.dir(), host, port);
        out.println("web UI: " + ui.uri() + " (read-only; Ctrl-C to stop)");
        out.flush();
        try {
          Thread.currentThread().join();
        } catch (InterruptedException e) {
          ui.close();
        }
      }
      return 0;
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true, description = "Continues an interrupted experiment started with 'jnas run'.")
  static final class Resume implements Callable<Integer> {
    @Parameters(index = "0", description = "the experiment's directory or id") String experiment;
    @CommandLine.Mixin RootOption root;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Path dir = locate(experiment, root(root.root), spec.commandLine());
      String command;
      try (ExperimentStore store = ExperimentStore.open(dir)) {
        command = store.get("command").orElseThrow(() -> new IllegalStateException("the experiment in " + dir
            + " was not started with 'jnas run', so jnas cannot re-create its evaluator; call NasExperiment.resume(dir) from its program"));
      }
      List<String> parts = Arrays.asList(new com.fasterxml.jackson.databind.ObjectMapper().readValue(command, String[].class));
      System.setProperty(NasExperiment.RESUME_PROPERTY, dir.toString());
      System.setProperty(COMMAND_PROPERTY, command);
      try {
        invokeMain(parts.get(0), parts.subList(1, parts.size()), spec.commandLine());
      } finally {
        System.clearProperty(NasExperiment.RESUME_PROPERTY);
        System.clearProperty(COMMAND_PROPERTY);
      }
      return 0;
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true, description = "Exports the top models of an experiment as dicts (JSON) or generated Java.")
  static final class Export implements Callable<Integer> {
    @Parameters(index = "0", description = "the experiment's directory or id") String experiment;
    @Option(names = "--top", defaultValue = "1", description = "how many models (default 1)") int top;
    @Option(names = "--format", defaultValue = "dict", description = "dict, code (with trained .params) or onnx (default dict)") String format;
    @CommandLine.Mixin RootOption root;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (top < 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--top must be at least 1, got " + top);
      }
      if (!format.equals("dict") && !format.equals("code") && !format.equals("onnx")) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--format must be dict, code or onnx, got " + format);
      }
      Path dir = locate(experiment, root(root.root), spec.commandLine());
      ExperimentView v = NasExperiment.view(dir);
      List<ExperimentStore.StoredTrial> best = bestFirst(v).limit(top).toList();
      if (best.isEmpty()) {
        throw new IllegalStateException("no trial of " + dir + " succeeded, so there is nothing to export");
      }
      PrintWriter out = spec.commandLine().getOut();
      for (ExperimentStore.StoredTrial t : best) {
        if (format.equals("dict")) {
          out.println(t.sample().toJson());
          continue;
        }
        Path trialDir = dir.resolve("trials").resolve(Integer.toString(t.id()));
        Path source;
        try (Stream<Path> files = Files.list(trialDir)) {
          source = files.filter(p -> p.toString().endsWith(".java")).findFirst()
              .orElseThrow(() -> new IllegalStateException("trial " + t.id() + " has no generated source in " + trialDir));
        }
        Path export = Files.createDirectories(dir.resolve("export"));
        String className = source.getFileName().toString().replace(".java", "");
        if (format.equals("onnx")) {
          Path onnx = trialDir.resolve(dev.jnas.engine.TrainedModels.ONNX);
          if (!Files.isRegularFile(onnx)) {
            throw new IllegalStateException("trial " + t.id() + " kept no trained ONNX model (its evaluator did not save one)");
          }
          Path target = export.resolve(className + ".onnx");
          Files.copy(onnx, target, StandardCopyOption.REPLACE_EXISTING);
          out.println(target);
          continue;
        }
        Path target = export.resolve(source.getFileName());
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        Path params = trialDir.resolve(dev.jnas.engine.TrainedModels.PARAMS);
        if (Files.isRegularFile(params)) {
          Files.copy(params, export.resolve(className + "-0000.params"), StandardCopyOption.REPLACE_EXISTING);
        }
        out.println(target);
      }
      return 0;
    }
  }

  @Command(name = "trial", mixinStandardHelpOptions = true, description = "Shows one trial: sample, state, metrics, generated source.")
  static final class TrialInfo implements Callable<Integer> {
    @Parameters(index = "0", description = "the experiment's directory or id") String experiment;
    @Parameters(index = "1", description = "the trial's number") int trial;
    @CommandLine.Mixin RootOption root;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Path dir = locate(experiment, root(root.root), spec.commandLine());
      ExperimentView v = NasExperiment.view(dir);
      ExperimentStore.StoredTrial t = v.trials().stream().filter(x -> x.id() == trial).findFirst()
          .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(), "experiment " + dir.getFileName()
              + " has no trial " + trial + "; it has 1 to " + v.trials().size()));
      PrintWriter out = spec.commandLine().getOut();
      out.printf("trial        %d%n", t.id());
      out.printf("sample       %s%n", t.sample().toJson());
      out.printf("state        %s%s%n", t.state(), t.failure() == null ? "" : ": " + t.failure());
      out.printf("intermediate %s%n", t.intermediate());
      OptionalDouble metric = t.finalMetric();
      out.printf("final        %s%n", metric.isPresent() ? String.format("%.4f", metric.getAsDouble()) : "-");
      out.printf("architecture %s%n", t.architecture() == null ? "-" : t.architecture());
      Path trialDir = dir.resolve("trials").resolve(Integer.toString(t.id()));
      if (Files.isDirectory(trialDir)) {
        try (Stream<Path> files = Files.list(trialDir)) {
          files.filter(p -> p.toString().endsWith(".java")).findFirst().ifPresent(p -> out.printf("source       %s%n", p));
        }
      }
      return 0;
    }
  }

  @Command(name = "bench", mixinStandardHelpOptions = true, description = "Measures the engine's overhead per trial (sample to instantiated block).")
  static final class BenchCommand implements Callable<Integer> {
    @Option(names = "--trials", defaultValue = "100", description = "random trials to time (default 100)") int trials;
    @Option(names = "--space", defaultValue = "dev.jnas.samples.ModelSpace", description = "the space class (input 1x28x28)") String space;
    @Option(names = "--engine", defaultValue = "BASE", description = "BASE or PURE") ExecutionEngine engine;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Class<? extends dev.jnas.nn.Module> type;
      try {
        type = Class.forName(space).asSubclass(dev.jnas.nn.Module.class);
      } catch (ClassNotFoundException | ClassCastException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "no model space class " + space + " on the class path");
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("jnas bench, " + type.getSimpleName() + " on (1, 28, 28), " + engine + " engine:");
      for (Bench.Figure f : Bench.run(() -> {
        try {
          return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot make a " + type.getSimpleName(), e);
        }
      }, dev.jnas.ir.Shape.batchOf(1, 28, 28), trials, engine)) {
        out.println("  " + f);
      }
      return 0;
    }
  }
}
