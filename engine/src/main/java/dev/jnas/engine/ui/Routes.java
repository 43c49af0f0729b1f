package dev.jnas.engine.ui;

import dev.jnas.engine.ExperimentView;
import dev.jnas.engine.store.ExperimentStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers every request the UI serves: the page, its scripts and the JSON API over the experiment's
 * store. Anything a route throws becomes a 500 JSON answer on a connection that stays open.
 */
final class Routes extends Handler.Abstract {
  // Nine digits at most: a trial number always fits an int, and longer ones are no route.
  private static final Pattern TRIAL = Pattern.compile("/api/v1/trials/(\\d{1,9})");
  private static final Pattern TRIAL_STOP = Pattern.compile("/api/v1/trials/(\\d{1,9})/stop");

  private final Path dir;
  private final WebUi.Controls controls;
  private final String token;
  private final HostCheck hosts;

  Routes(Path dir, WebUi.Controls controls, String token, HostCheck hosts) {
    this.dir = dir.toAbsolutePath().normalize();
    this.controls = controls;
    this.token = token;
    this.hosts = hosts;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Reply reply = new Reply(response, callback);
    try {
      route(request, reply);
    } catch (Throwable e) {
      if (fatal(e)) {
        throw (Error) e;
      }
      reply.fail(e);
    }
    return true;
  }

  /** Errors after which the JVM cannot be trusted to go on; a stack overflow in one request can. */
  private static boolean fatal(Throwable e) {
    return e instanceof VirtualMachineError && !(e instanceof StackOverflowError);
  }

  private void route(Request request, Reply reply) throws IOException {
    String host = request.getHeaders().get(HttpHeader.HOST);
    if (!hosts.allows(host)) {
      reply.error(421, "this server answers to Host " + String.join(" or ", hosts.allowed()) + ", not "
          + (host == null ? "a request without one" : host) + " (a guard against DNS rebinding)");
      return;
    }
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    Matcher trial = TRIAL.matcher(path);
    Matcher trialStop = TRIAL_STOP.matcher(path);
    if (path.equals("/") || path.equals("/index.html")) {
      resource(reply, "/dev/jnas/engine/ui/index.html", "text/html");
    } else if (path.equals("/app.js")) {
      resource(reply, "/dev/jnas/engine/ui/app.js", "text/javascript");
    } else if (path.startsWith("/webjars/")) {
      webjar(reply, path);
    } else if (path.equals("/api/v1/experiment") && method.equals("GET")) {
      reply.json(200, ExperimentJson.experiment(ExperimentView.read(dir), controls != null));
    } else if (path.equals("/api/v1/trials") && method.equals("GET")) {
      reply.json(200, ExperimentJson.trials(ExperimentView.read(dir)));
    } else if (trial.matches() && method.equals("GET")) {
      trial(reply, Integer.parseInt(trial.group(1)));
    } else if (path.equals("/api/v1/files") && method.equals("GET")) {
      file(reply, request.getHttpURI().getQuery());
    } else if (path.equals("/api/v1/stop") && method.equals("POST")) {
      if (allowedToStop(request, reply)) {
        controls.stopExperiment();
        reply.json(200, Map.of("ok", true));
      }
    } else if (trialStop.matches() && method.equals("POST")) {
      if (allowedToStop(request, reply)) {
        stopTrial(reply, Integer.parseInt(trialStop.group(1)));
      }
    } else {
      reply.error(404, "no such page or API: " + method + " " + path);
    }
  }

  private void trial(Reply reply, int id) throws IOException {
    ExperimentView v = ExperimentView.read(dir);
    Optional<ExperimentStore.StoredTrial> t = find(v, id);
    if (t.isEmpty()) {
      reply.error(404, "no trial " + id);
    } else {
      reply.json(200, ExperimentJson.trial(dir, v, t.get()));
    }
  }

  private void stopTrial(Reply reply, int id) {
    if (controls.stopTrial(id)) {
      reply.json(200, Map.of("ok", true));
      return;
    }
    Optional<ExperimentStore.StoredTrial> t = find(ExperimentView.read(dir), id);
    if (t.isEmpty()) {
      reply.error(404, "no trial " + id);
    } else {
      String state = t.get().state().name();
      reply.json(409, Map.of("error", "trial " + id + " is " + state + ", not running", "state", state));
    }
  }

  private static Optional<ExperimentStore.StoredTrial> find(ExperimentView v, int id) {
    return v.trials().stream().filter(t -> t.id() == id).findFirst();
  }

  /** Whether this request may stop anything; answers 403 when not. */
  private boolean allowedToStop(Request request, Reply reply) {
    if (controls == null) {
      reply.error(403, "this experiment is only being viewed; it cannot be stopped from here");
      return false;
    }
    String given = request.getHeaders().get("X-Jnas-Token");
    if (given == null || !given.equals(token)) {
      reply.error(403, "stopping needs the token printed when the experiment started");
      return false;
    }
    return true;
  }

  private void file(Reply reply, String query) throws IOException {
    String relative = query == null || !query.startsWith("path=") ? "" : URLDecoder.decode(query.substring(5), StandardCharsets.UTF_8);
    Path target = dir.resolve(relative).normalize();
    // Only files inside the experiment directory, links resolved, are served.
    if (relative.isEmpty() || !target.startsWith(dir) || !Files.isRegularFile(target)
        || !target.toRealPath().startsWith(dir.toRealPath())) {
      reply.error(403, "files are served from inside the experiment directory only");
      return;
    }
    String name = target.getFileName().toString();
    boolean binary = name.endsWith(".onnx") || name.endsWith(".params");
    if (binary) {
      reply.attachment(name);
    }
    reply.send(200, binary ? "application/octet-stream" : "text/plain; charset=utf-8", Files.readAllBytes(target));
  }

  private static void webjar(Reply reply, String path) throws IOException {
    if (path.contains("..")) {
      reply.error(403, "bad path");
      return;
    }
    String type = path.endsWith(".js") ? "text/javascript" : path.endsWith(".css") ? "text/css" : "application/octet-stream";
    resource(reply, "/META-INF/resources" + path, type);
  }

  private static void resource(Reply reply, String name, String type) throws IOException {
    try (InputStream in = WebUi.class.getResourceAsStream(name)) {
      if (in == null) {
        reply.error(404, "no resource " + name);
        return;
      }
      reply.send(200, type + (type.startsWith("text/") ? "; charset=utf-8" : ""), in.readAllBytes());
    }
  }
}
