package dev.jnas.engine.cli;

import dev.jnas.codegen.GeneratedBlock;
import dev.jnas.engine.Bench;
import dev.jnas.engine.ExecutionEngine;
import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.ExperimentView;
import dev.jnas.engine.Formatter;
import dev.jnas.engine.JnasHome;
import dev.jnas.engine.Launch;
import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.SlurmSettings;
import dev.jnas.engine.TrainingServiceKind;
import dev.jnas.engine.TrialState;
import dev.jnas.engine.strategy.OneShotStrategy;
import dev.jnas.engine.export.Exports;
import dev.jnas.engine.export.TrialTable;
import dev.jnas.engine.store.ExperimentLock;
import dev.jnas.engine.store.ExperimentStore;
import dev.jnas.engine.store.StopRequest;
import dev.jnas.engine.store.TrialOutput;
import dev.jnas.engine.ui.WebUi;
import dev.jnas.ir.TensorShape;
import dev.jnas.nn.NasModule;
import java.io.File;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * The {@code jnas} command line: run, list, view, resume, export, trial, bench. Exit codes: 0 on
 * success, 1 when the work failed, 2 on bad usage; errors go to standard error in one line.
 */
@Command(name = "jnas", mixinStandardHelpOptions = true, version = "jnas 0.1.0",
    description = "Neural architecture search for the JVM.",
    subcommands = {Jnas.Run.class, Jnas.ListExperiments.class, Jnas.View.class, Jnas.Resume.class, Jnas.Stop.class,
        Jnas.Export.class, Jnas.TrialInfo.class, Jnas.BenchCommand.class, CommandLine.HelpCommand.class})
public final class Jnas implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: run, list, view, resume, stop, export, trial or bench");
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
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler((e, a) -> {
      err.println("jnas: " + e.getMessage().lines().findFirst().orElse("bad usage") + " (see jnas --help)");
      return 2;
    });
    cli.setExecutionExceptionHandler((e, c, p) -> {
      Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
      if (cause instanceof CommandLine.ParameterException usage) {
        // Bad arguments to the main class that `run` or `resume` started are bad usage too.
        err.println("jnas: " + usage.getMessage().lines().findFirst().orElse("bad usage"));
        return 2;
      }
      err.println("jnas: " + cause.getClass().getSimpleName() + ": " + String.valueOf(cause.getMessage()).lines().findFirst().orElse(""));
      return 1;
    });
    return cli.execute(args);
  }

  /** A bad option value is bad usage (exit 2), naming the option. */
  static void atLeast(CommandLine.Model.CommandSpec spec, String option, int value, int min) {
    if (value < min) {
      throw new CommandLine.ParameterException(spec.commandLine(), option + " must be at least " + min + ", got " + value);
    }
  }

  /** Where experiments live: the --root option, else JNAS_HOME, else ~/jnas-experiments. */
  static Path root(Path option) {
    return option != null ? option : JnasHome.experiments();
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
        .map(t -> String.format("%.4f by trial %d %s", t.finalMetric().getAsDouble(), t.id(), t.sample().toJson())
            + (t.finalMetrics().size() > 1 ? " " + t.finalMetrics() : ""))
        .orElse("none yet");
  }

  /** What ranks trials: the metric key and direction, the limits, the stopping rule. */
  static String metricLine(ExperimentConfig config) {
    String line = "'" + config.metricKey() + "', " + config.optimizeMode().name().toLowerCase();
    if (!config.metricLimits().isEmpty()) {
      line += ", limits " + config.metricLimits().stream().map(Object::toString).collect(Collectors.joining(", "));
    }
    if (config.medianStop() != null) {
      line += ", median stop after " + config.medianStop().warmupSteps() + " reports once " + config.medianStop().minCompletedTrials()
          + " trials completed";
    }
    return line;
  }

  static Stream<ExperimentStore.StoredTrial> bestFirst(ExperimentView view) {
    return view.trials().stream().filter(t -> t.state() == TrialState.SUCCEEDED && !OneShotStrategy.isSupernetTrial(t.sample()))
        .sorted(((Comparator<ExperimentStore.StoredTrial>) (a, b) -> view.config().optimizeMode()
            .compareBestFirst(a.finalMetric().getAsDouble(), b.finalMetric().getAsDouble()))
            .thenComparingInt(ExperimentStore.StoredTrial::id));
  }

  /** Options every experiment command shares. */
  static class RootOption {
    @Option(names = "--root", description = "where experiments live (default: $JNAS_HOME or ~/jnas-experiments)")
    Path root;
  }

  @Command(name = "run", mixinStandardHelpOptions = true, description = {
      "Runs a main class that defines and runs an experiment (such as dev.jnas.samples.HelloNas).",
      "Options before the main class choose where its trials run, over what the program says."})
  static final class Run implements Callable<Integer> {
    @Parameters(index = "0", description = "the main class") String mainClass;
    @Parameters(index = "1..*", description = "its arguments") List<String> args = new ArrayList<>();
    @Option(names = {"--class-path", "-cp"}, description = "where the program's own classes are (folders and jars, separated by "
        + "the platform's path separator); its worker JVMs get them too, and resume finds them again")
    String classPath;
    @Option(names = "--training-service", description = "where trials run: local, in_process or slurm")
    TrainingServiceKind trainingService;
    @Option(names = "--slurm-partition", description = "Slurm partition") String partition;
    @Option(names = "--slurm-account", description = "Slurm account") String account;
    @Option(names = "--slurm-qos", description = "Slurm quality of service") String qos;
    @Option(names = "--slurm-cpus", description = "cpus per trial's job (default 1)") Integer cpus;
    @Option(names = "--slurm-mem", description = "memory per trial's job, such as 8G") String memory;
    @Option(names = "--slurm-option", description = "a further sbatch option (repeatable)") List<String> sbatchOptions = new ArrayList<>();
    @Option(names = "--slurm-java", description = "the java command on the nodes") String java;
    @Option(names = "--slurm-no-shared-fs", description = "the nodes do not see the experiment's directory") boolean noSharedFs;
    @Option(names = "--slurm-channel-host", description = "the address jobs reach this engine at") String channelHost;
    @Option(names = "--slurm-env", description = "KEY=VALUE for Slurm's commands, such as SLURM_CONF=... (repeatable)")
    Map<String, String> environment = new java.util.LinkedHashMap<>();
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      boolean slurmOptions = partition != null || account != null || qos != null || cpus != null || memory != null
          || !sbatchOptions.isEmpty() || java != null || noSharedFs || channelHost != null || !environment.isEmpty();
      if (slurmOptions && trainingService != TrainingServiceKind.SLURM) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--slurm-* options need --training-service slurm");
      }
      List<String> command = new ArrayList<>();
      String absolute = classPath == null ? null : absoluteClassPath(classPath, spec.commandLine());
      if (absolute != null) {
        // Recorded (and signed) with the command, so resume loads the same classes.
        command.addAll(List.of(CLASS_PATH, absolute));
      }
      command.add(mainClass);
      command.addAll(args);
      String recorded = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(command);
      ClassLoader loader = loader(absolute);
      Method main = mainMethod(mainClass, loader, spec.commandLine());
      Launch.during(new Launch(recorded, CommandSignature.ofThisAccount().sign(recorded), null, this::override),
          () -> invoke(main, args, loader));
      return 0;
    }

    /** The program's config, with where trials run as this command line says. */
    private ExperimentConfig override(ExperimentConfig config) {
      if (trainingService == null) {
        return config;
      }
      config.trainingService(trainingService);
      if (trainingService == TrainingServiceKind.SLURM) {
        SlurmSettings slurm = config.slurm();
        if (partition != null) {
          slurm.partition(partition);
        }
        if (account != null) {
          slurm.account(account);
        }
        if (qos != null) {
          slurm.qos(qos);
        }
        if (cpus != null) {
          slurm.cpusPerTrial(cpus);
        }
        if (memory != null) {
          slurm.memoryPerTrial(memory);
        }
        if (!sbatchOptions.isEmpty()) {
          slurm.sbatchOptions(sbatchOptions.toArray(String[]::new));
        }
        if (java != null) {
          slurm.java(java);
        }
        if (noSharedFs) {
          slurm.sharedFilesystem(false);
        }
        if (channelHost != null) {
          slurm.channelHost(channelHost);
        }
        if (!environment.isEmpty()) {
          slurm.environment(environment);
        }
      }
      return config;
    }
  }

  /** The public static main of a class on the application class path (never one of the Java runtime's). */
  /** How a recorded command starts when it carries the program's class path. */
  static final String CLASS_PATH = "--class-path";

  /** The class path with every entry absolute; an entry that does not exist is an error naming it. */
  static String absoluteClassPath(String classPath, CommandLine cli) {
    List<String> out = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      Path p = Path.of(entry).toAbsolutePath().normalize();
      if (!Files.exists(p)) {
        throw new CommandLine.ParameterException(cli, "--class-path entry " + entry + " does not exist");
      }
      out.add(p.toString());
    }
    return String.join(File.pathSeparator, out);
  }

  /** A loader over the program's class path in front of jnas's own, or jnas's own when there is none. */
  static ClassLoader loader(String classPath) throws MalformedURLException {
    if (classPath == null) {
      return Jnas.class.getClassLoader();
    }
    List<URL> urls = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      urls.add(Path.of(entry).toUri().toURL());
    }
    return new URLClassLoader("jnas-program", urls.toArray(URL[]::new), Jnas.class.getClassLoader());
  }

  static Method mainMethod(String mainClass, ClassLoader loader, CommandLine cli) {
    Method main;
    Class<?> type;
    try {
      type = Class.forName(mainClass, true, loader);
      main = type.getMethod("main", String[].class);
    } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
      throw new CommandLine.ParameterException(cli, "no class " + mainClass + " with a public static main(String[]) on the class path"
          + " (give your program's classes with --class-path)");
    }
    // The runtime's own modules (java.*, jdk.*: javac's and jshell's mains among them) are named
    // modules of the boot layer, whichever loader defines them; a program's classes are not.
    Module module = type.getModule();
    if (type.getClassLoader() == null || module.isNamed() && module.getLayer() == ModuleLayer.boot()
        && (module.getName().startsWith("java.") || module.getName().startsWith("jdk."))) {
      throw new CommandLine.ParameterException(cli, mainClass + " is a class of the Java runtime, not a program that runs a jnas experiment");
    }
    if (!Modifier.isStatic(main.getModifiers())) {
      throw new CommandLine.ParameterException(cli, mainClass + ".main is not static");
    }
    return main;
  }

  /** Runs the program with its loader as the thread's context loader, which worker JVMs take their class path from. */
  private static void invoke(Method main, List<String> args, ClassLoader loader) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      main.invoke(null, (Object) args.toArray(new String[0]));
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    } finally {
      thread.setContextClassLoader(previous);
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
      out.printf("%-40s %-11s %-8s %s%n", "ID", "STATUS", "TRIALS", "BEST");
      int unreadable = 0;
      for (Path p : experiments) {
        if (ExperimentStore.isIncomplete(p)) {
          out.printf("%-40s %-11s %-8s %s%n", p.getFileName(), "EMPTY", "0/0", "killed while being created; nothing recorded, a new run may reuse it");
          continue;
        }
        ExperimentView v;
        try {
          v = NasExperiment.view(p);
        } catch (RuntimeException e) {
          // One damaged experiment must not hide the others: flag it and go on.
          unreadable++;
          out.printf("%-40s %-11s %-8s %s%n", p.getFileName(), "UNREADABLE", "-",
              String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName()));
          continue;
        }
        long done = v.trials().stream().filter(t -> t.state() == TrialState.SUCCEEDED || t.state() == TrialState.FAILED).count();
        out.printf("%-40s %-11s %-8s %s%n", p.getFileName(), v.status(), done + "/" + v.config().maxTrialNumber(), best(v));
      }
      if (unreadable > 0) {
        spec.commandLine().getErr().println("jnas: " + unreadable + " experiment" + (unreadable == 1 ? "" : "s")
            + " under " + dir + " could not be read (marked UNREADABLE)");
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
      if (port < 0 || port > 65535) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 1 to 65535 (or 0 for no web UI), got " + port);
      }
      ExperimentView v = NasExperiment.view(locate(experiment, root(root.root), spec.commandLine()));
      PrintWriter out = spec.commandLine().getOut();
      out.printf("experiment %s (%s)%n", v.config().experimentName(), v.dir());
      out.printf("status     %s%s%n", v.status(), v.stopReason().isEmpty() ? "" : ": " + v.stopReason());
      out.printf("elapsed    %.1f s%n", v.elapsedMillis() / 1000.0);
      Map<TrialState, Long> states = v.trials().stream().collect(Collectors.groupingBy(ExperimentStore.StoredTrial::state, Collectors.counting()));
      out.printf("trials     %s%n", Arrays.stream(TrialState.values()).map(s -> s.name().toLowerCase() + " " + states.getOrDefault(s, 0L))
          .collect(Collectors.joining(", ")));
      for (ExperimentStore.StoredTrial t : v.trials()) {
        if (t.state() == TrialState.WAITING && t.waiting() != null || t.state() == TrialState.RUNNING) {
          out.printf("  trial %-4d %s%s%n", t.id(), t.state().name().toLowerCase(), t.waiting() == null ? "" : ": " + t.waiting());
        }
      }
      out.printf("metric     %s%n", metricLine(v.config()));
      out.printf("best       %s%n", best(v));
      out.printf("space      %s%n", v.searchSpace().replace("\n", "\n           "));
      if (!v.hyperparameters().isEmpty()) {
        out.printf("searched   hyperparameters %s%n", String.join(", ", v.hyperparameters()));
      }
      if (port != 0) {
        WebUi ui = NasExperiment.serve(v.dir(), host, port);
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

  @Command(name = "resume", mixinStandardHelpOptions = true, description = {
      "Continues an interrupted experiment started with 'jnas run', by running the command it recorded.",
      "Only commands that 'jnas run' recorded under this account are run; another's are shown and refused."})
  static final class Resume implements Callable<Integer> {
    @Parameters(index = "0", description = "the experiment's directory or id") String experiment;
    @Option(names = "--trust", description = "run the recorded command even though this account did not record it (check it first)")
    boolean trust;
    @CommandLine.Mixin RootOption root;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Path dir = locate(experiment, root(root.root), spec.commandLine());
      String command;
      String signature;
      try (ExperimentStore store = ExperimentStore.open(dir)) {
        command = store.get("command").orElseThrow(() -> new IllegalStateException("the experiment in " + dir
            + " was not started with 'jnas run', so jnas cannot re-create its evaluator; call NasExperiment.resume(dir) from its program"));
        signature = store.get("command_signature").orElse(null);
      }
      List<String> parts;
      try {
        parts = Arrays.asList(new com.fasterxml.jackson.databind.ObjectMapper().readValue(command, String[].class));
      } catch (java.io.IOException e) {
        throw new IllegalStateException("experiment " + dir + ": the recorded command is unreadable: " + command, e);
      }
      if (parts.isEmpty()) {
        throw new IllegalStateException("experiment " + dir + ": the recorded command is empty");
      }
      String shown = String.join(" ", parts);
      if (!trust && !CommandSignature.ofThisAccount().verify(command, signature)) {
        throw new IllegalStateException("experiment " + dir + " asks to run '" + shown + "', which 'jnas run' did not record"
            + " under this account; check it, then rerun with --trust to run it");
      }
      String classPath = null;
      if (parts.get(0).equals(CLASS_PATH) && parts.size() >= 3) {
        classPath = parts.get(1);
        parts = parts.subList(2, parts.size());
      }
      ClassLoader loader = loader(classPath);
      Method main = mainMethod(parts.get(0), loader, spec.commandLine());
      // Shown before anything runs: resume starts a program, and the user should see which.
      spec.commandLine().getOut().println("jnas: resuming " + dir + " by running " + shown);
      spec.commandLine().getOut().flush();
      List<String> programArgs = parts.subList(1, parts.size());
      Launch.during(new Launch(command, CommandSignature.ofThisAccount().sign(command), dir, null),
          () -> invoke(main, programArgs, loader));
      return 0;
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stops a running experiment, from any terminal of its machine (or of its shared filesystem).")
  static final class Stop implements Callable<Integer> {
    @Parameters(index = "0", description = "the experiment's directory or id") String experiment;
    @Option(names = "--wait", defaultValue = "60", description = "seconds to wait for it to stop (default 60; 0: do not wait)") int waitSeconds;
    @CommandLine.Mixin RootOption root;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      atLeast(spec, "--wait", waitSeconds, 0);
      Path dir = locate(experiment, root(root.root), spec.commandLine());
      var holder = ExperimentLock.holder(dir);
      if (holder.isEmpty()) {
        throw new IllegalStateException("the experiment in " + dir + " is not running (" + NasExperiment.view(dir).status() + ")");
      }
      StopRequest.leave(dir, "jnas stop (pid " + ProcessHandle.current().pid() + ")");
      PrintWriter out = spec.commandLine().getOut();
      out.println("jnas: asked " + dir.getFileName() + " (" + holder.get() + ") to stop");
      out.flush();
      long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
      while (ExperimentLock.holder(dir).isPresent()) {
        if (System.nanoTime() > deadline) {
          if (waitSeconds == 0) {
            return 0;
          }
          throw new IllegalStateException("the experiment in " + dir + " is still running " + waitSeconds
              + " s after the stop request; it stops after its current scheduling round, or kill " + holder.get().pid());
        }
        Thread.sleep(100);
      }
      ExperimentView v = NasExperiment.view(dir);
      out.println("jnas: " + dir.getFileName() + " " + v.status() + (v.stopReason().isEmpty() ? "" : ": " + v.stopReason()));
      return 0;
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Exports the top models of an experiment as dicts (JSON), generated Java or ONNX, or every trial as CSV.")
  static final class Export implements Callable<Integer> {
    @Parameters(index = "0", description = "the experiment's directory or id") String experiment;
    @Option(names = "--top", defaultValue = "1", description = "how many models (default 1)") int top;
    @Option(names = "--format", defaultValue = "dict",
        description = "dict, code (with trained .params), onnx, or csv (every trial: choices, hyperparameters, every metric) (default dict)")
    String format;
    @CommandLine.Mixin RootOption root;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      atLeast(spec, "--top", top, 1);
      if (!List.of("dict", "code", "onnx", "csv").contains(format)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--format must be dict, code, onnx or csv, got " + format);
      }
      Path dir = locate(experiment, root(root.root), spec.commandLine());
      ExperimentView v = NasExperiment.view(dir);
      if (format.equals("csv")) {
        spec.commandLine().getOut().print(TrialTable.csv(v));
        return 0;
      }
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
        GeneratedBlock block = Exports.regenerate(dir, t.id(), v.space(), t.sample());
        Object written = Exports.write(dir, t.id(), t.architecture(), block,
            format.equals("onnx") ? Formatter.ONNX : Formatter.CODE);
        out.println(written instanceof Path p ? p : dir.resolve("export").resolve(block.className() + ".java"));
      }
      return 0;
    }
  }

  @Command(name = "trial", mixinStandardHelpOptions = true, description = "Shows one trial: sample, state, metrics, generated source.")
  static final class TrialInfo implements Callable<Integer> {
    @Parameters(index = "0", description = "the experiment's directory or id") String experiment;
    @Parameters(index = "1", description = "the trial's number") int trial;
    @Option(names = "--lines", defaultValue = "10", description = "how many last lines of its stdout and stderr to show (default 10)") int lines;
    @CommandLine.Mixin RootOption root;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      atLeast(spec, "--lines", lines, 0);
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
      out.printf("metrics      %s%n", t.finalMetrics().isEmpty() ? "-" : t.finalMetrics());
      out.printf("seed         %s%n", t.seed() == null ? "-" : t.seed());
      out.printf("architecture %s%n", t.architecture() == null ? "-" : t.architecture());
      Path trialDir = dir.resolve("trials").resolve(Integer.toString(t.id()));
      if (Files.isDirectory(trialDir)) {
        try (Stream<Path> files = Files.list(trialDir)) {
          files.filter(p -> p.toString().endsWith(".java")).findFirst().ifPresent(p -> out.printf("source       %s%n", p));
        }
      }
      for (String stream : List.of(TrialOutput.STDOUT, TrialOutput.STDERR)) {
        Path file = trialDir.resolve(stream);
        if (Files.isRegularFile(file)) {
          out.printf("%-12s %s (%d bytes)%n", stream.replace(".log", ""), file, Files.size(file));
          List<String> last = TrialOutput.tail(file, 4096).lines().toList();
          for (String line : last.subList(Math.max(0, last.size() - lines), last.size())) {
            out.println("  | " + line);
          }
        }
      }
      return 0;
    }
  }

  @Command(name = "bench", mixinStandardHelpOptions = true, description = "Measures the engine's overhead per trial (sample to instantiated block).")
  static final class BenchCommand implements Callable<Integer> {
    @Option(names = "--trials", defaultValue = "100", description = "random trials to time (default 100)") int trials;
    @Option(names = "--space", defaultValue = "dev.jnas.samples.ModelSpace", description = "the space class (input 1x28x28)") String space;
    @Option(names = "--engine", defaultValue = "BASE", description = "BASE or PURE (default BASE)") ExecutionEngine engine;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      atLeast(spec, "--trials", trials, 1);
      if (engine == ExecutionEngine.BENCHMARK) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--engine must be BASE or PURE: a BENCHMARK trial compiles nothing to time");
      }
      Class<? extends NasModule> type;
      try {
        type = Class.forName(space).asSubclass(NasModule.class);
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
      }, TensorShape.batchOf(1, 28, 28), trials, engine)) {
        out.println("  " + f);
      }
      return 0;
    }
  }
}
