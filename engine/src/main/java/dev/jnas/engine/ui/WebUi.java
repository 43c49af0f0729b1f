package dev.jnas.engine.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jnas.engine.ExperimentStore;
import dev.jnas.engine.ExperimentView;
import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.TrialState;
import dev.jnas.ir.Graph;
import dev.jnas.ir.GraphInput;
import dev.jnas.ir.Node;
import dev.jnas.ir.text.IrParser;
import dev.jnas.mutators.Mutators;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The web UI and its JSON REST API ({@code /api/v1/}) over an experiment's store, so a running, a
 * resumed and a finished experiment look the same and update live. Binds to 127.0.0.1 unless told
 * otherwise; stopping needs the token printed at start-up; files are served only from inside the
 * experiment directory.
 */
public final class WebUi implements AutoCloseable {
  /** What a running experiment lets the UI do; absent when viewing a recorded one. */
  public interface Controls {
    void stopExperiment();

    boolean stopTrial(int id);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final Controls controls;
  private final HttpServer server;
  private final String token;

  private WebUi(Path dir, Controls controls, HttpServer server, String token) {
    this.dir = dir.toAbsolutePath().normalize();
    this.controls = controls;
    this.server = server;
    this.token = token;
  }

  /** Serves the experiment in {@code dir} on {@code host:port}; {@code controls} null for read-only. */
  public static WebUi start(Path dir, String host, int port, Controls controls) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
      byte[] bytes = new byte[16];
      new SecureRandom().nextBytes(bytes);
      WebUi ui = new WebUi(dir, controls, server, HexFormat.of().formatHex(bytes));
      server.createContext("/", ui::handle);
      server.setExecutor(Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "jnas-ui");
        t.setDaemon(true);
        return t;
      }));
      server.start();
      return ui;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve the web UI on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  public URI uri() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getHostString() + ":" + address.getPort() + "/");
  }

  /** The token that stopping needs, printed at start-up. */
  public String token() {
    return token;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (path.equals("/") || path.equals("/index.html")) {
        resource(exchange, "/dev/jnas/engine/ui/index.html", "text/html");
      } else if (path.equals("/app.js")) {
        resource(exchange, "/dev/jnas/engine/ui/app.js", "text/javascript");
      } else if (path.startsWith("/webjars/")) {
        webjar(exchange, path);
      } else if (path.equals("/api/v1/experiment") && method.equals("GET")) {
        json(exchange, 200, experiment(NasExperiment.view(dir)));
      } else if (path.equals("/api/v1/trials") && method.equals("GET")) {
        json(exchange, 200, trials(NasExperiment.view(dir)));
      } else if (path.matches("/api/v1/trials/\\d+") && method.equals("GET")) {
        trial(exchange, Integer.parseInt(path.substring("/api/v1/trials/".length())));
      } else if (path.equals("/api/v1/files") && method.equals("GET")) {
        file(exchange);
      } else if (path.equals("/api/v1/stop") && method.equals("POST")) {
        control(exchange, () -> controls.stopExperiment());
      } else if (path.matches("/api/v1/trials/\\d+/stop") && method.equals("POST")) {
        int id = Integer.parseInt(path.split("/")[4]);
        control(exchange, () -> controls.stopTrial(id));
      } else {
        json(exchange, 404, Map.of("error", "no such page or API: " + method + " " + path));
      }
    } catch (RuntimeException e) {
      json(exchange, 500, Map.of("error", String.valueOf(e.getMessage())));
    }
  }

  private Map<String, Object> experiment(ExperimentView v) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", v.config().experimentName());
    out.put("dir", v.dir().toString());
    out.put("status", v.status());
    out.put("stopReason", v.stopReason());
    out.put("elapsedMs", v.elapsedMillis());
    out.put("maxTrialNumber", v.config().maxTrialNumber());
    out.put("optimizeMode", v.config().optimizeMode().name());
    Map<String, Long> states = new LinkedHashMap<>();
    for (TrialState s : TrialState.values()) {
      states.put(s.name(), v.trials().stream().filter(t -> t.state() == s).count());
    }
    out.put("states", states);
    v.trials().stream().filter(t -> t.state() == TrialState.SUCCEEDED)
        .sorted((a, b) -> v.config().optimizeMode().compareBestFirst(a.finalMetric().getAsDouble(), b.finalMetric().getAsDouble()))
        .findFirst().ifPresent(t -> out.put("best", Map.of("trial", t.id(), "metric", t.finalMetric().getAsDouble(),
            "sample", t.sample().decisions())));
    out.put("searchSpace", v.searchSpace());
    Graph space = IrParser.parse(v.space());
    out.put("choices", space.choices().stream().map(c -> Map.of("label", c.label(), "kind", c.kind().name(),
        "candidates", c.candidates())).toList());
    out.put("controls", controls != null);
    out.put("rejections", v.events().stream().filter(e -> e.kind().equals("rejected")).map(ExperimentStore.Event::message).toList());
    return out;
  }

  private static List<Map<String, Object>> trials(ExperimentView v) {
    return v.trials().stream().map(WebUi::summary).toList();
  }

  private static Map<String, Object> summary(ExperimentStore.StoredTrial t) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", t.id());
    out.put("sample", t.sample().decisions());
    out.put("state", t.state().name());
    out.put("metric", t.finalMetric().isPresent() ? t.finalMetric().getAsDouble() : null);
    out.put("durationMs", t.startedAt() == null ? null
        : (t.endedAt() == null ? System.currentTimeMillis() : t.endedAt()) - t.startedAt());
    out.put("intermediate", t.intermediate());
    out.put("failure", t.failure());
    return out;
  }

  private void trial(HttpExchange exchange, int id) throws IOException {
    ExperimentView v = NasExperiment.view(dir);
    ExperimentStore.StoredTrial t = v.trials().stream().filter(x -> x.id() == id).findFirst().orElse(null);
    if (t == null) {
      json(exchange, 404, Map.of("error", "no trial " + id));
      return;
    }
    Map<String, Object> out = summary(t);
    out.put("architecture", t.architecture());
    Path trialDir = dir.resolve("trials").resolve(Integer.toString(id));
    List<String> files = new ArrayList<>();
    if (Files.isDirectory(trialDir)) {
      try (Stream<Path> list = Files.list(trialDir)) {
        list.sorted().forEach(p -> files.add(dir.relativize(p).toString()));
      }
    }
    out.put("files", files);
    String source = files.stream().filter(f -> f.endsWith(".java")).findFirst()
        .map(f -> read(dir.resolve(f))).orElse(null);
    out.put("source", source);
    out.put("graph", graph(Mutators.freeze(IrParser.parse(v.space()), t.sample())));
    Path log = trialDir.resolve("trial.log");
    out.put("log", Files.isRegularFile(log) ? read(log) : "");
    json(exchange, 200, out);
  }

  /** The frozen architecture as Cytoscape elements: a node per input and IR node, an edge per read. */
  static List<Map<String, Object>> graph(Graph g) {
    List<Map<String, Object>> elements = new ArrayList<>();
    for (GraphInput in : g.inputs()) {
      elements.add(Map.of("data", Map.of("id", in.name(), "label", in.name() + "\n" + in.shape().map(Object::toString).orElse(""), "kind", "input")));
    }
    for (Node n : g.nodes()) {
      elements.add(Map.of("data", Map.of("id", n.name(), "label", n.name() + "\n" + n.op().kind(), "kind", n.op().kind())));
      for (String input : n.inputs()) {
        elements.add(Map.of("data", Map.of("id", input + "->" + n.name(), "source", input, "target", n.name())));
      }
    }
    return elements;
  }

  private void file(HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getRawQuery();
    String relative = query == null || !query.startsWith("path=") ? "" : java.net.URLDecoder.decode(query.substring(5), StandardCharsets.UTF_8);
    Path target = dir.resolve(relative).normalize();
    // Only files inside the experiment directory, links resolved, are served.
    if (relative.isEmpty() || !target.startsWith(dir) || !Files.isRegularFile(target)
        || !target.toRealPath().startsWith(dir.toRealPath())) {
      json(exchange, 403, Map.of("error", "files are served from inside the experiment directory only"));
      return;
    }
    String name = target.getFileName().toString();
    boolean binary = name.endsWith(".onnx") || name.endsWith(".params");
    if (binary) {
      exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }
    send(exchange, 200, binary ? "application/octet-stream" : "text/plain; charset=utf-8", Files.readAllBytes(target));
  }

  private void control(HttpExchange exchange, Runnable action) throws IOException {
    if (controls == null) {
      json(exchange, 403, Map.of("error", "this experiment is only being viewed; it cannot be stopped from here"));
      return;
    }
    String given = exchange.getRequestHeaders().getFirst("X-Jnas-Token");
    if (given == null || !given.equals(token)) {
      json(exchange, 403, Map.of("error", "stopping needs the token printed when the experiment started"));
      return;
    }
    action.run();
    json(exchange, 200, Map.of("ok", true));
  }

  private void webjar(HttpExchange exchange, String path) throws IOException {
    if (path.contains("..")) {
      json(exchange, 403, Map.of("error", "bad path"));
      return;
    }
    String type = path.endsWith(".js") ? "text/javascript" : path.endsWith(".css") ? "text/css" : "application/octet-stream";
    resource(exchange, "/META-INF/resources" + path, type);
  }

  private void resource(HttpExchange exchange, String name, String type) throws IOException {
    try (InputStream in = WebUi.class.getResourceAsStream(name)) {
      if (in == null) {
        json(exchange, 404, Map.of("error", "no resource " + name));
        return;
      }
      send(exchange, 200, type + (type.startsWith("text/") ? "; charset=utf-8" : ""), in.readAllBytes());
    }
  }

  private static void json(HttpExchange exchange, int status, Object body) throws IOException {
    send(exchange, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return null;
    }
  }
}
