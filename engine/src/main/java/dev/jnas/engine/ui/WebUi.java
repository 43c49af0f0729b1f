package dev.jnas.engine.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The web UI and its JSON REST API ({@code /api/v1/}) over an experiment's store, so a running, a
 * resumed and a finished experiment look the same and update live. Binds to 127.0.0.1 unless told
 * otherwise; answers only requests whose Host names the bound address; stopping needs the token
 * printed at start-up; files are served only from inside the experiment directory.
 */
public final class WebUi implements AutoCloseable {
  /** What a running experiment lets the UI do; absent when viewing a recorded one. */
  public interface Controls {
    void stopExperiment();

    boolean stopTrial(int id);
  }

  /**
   * The most threads serving, acceptor and selector included. Jetty parses requests without
   * blocking, so a client that sends half a request holds no thread; only handlers (short store
   * reads) do, and a page polls once a second.
   */
  static final int MAX_THREADS = 16;

  /** How long a connection may stay silent, mid-request or between requests, before it is closed. */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(5);

  private final Server server;
  private final URI uri;
  private final String token;

  private WebUi(Server server, URI uri, String token) {
    this.server = server;
    this.uri = uri;
    this.token = token;
  }

  /** Serves the experiment in {@code dir} on {@code host:port}; {@code controls} null for read-only. */
  public static WebUi start(Path dir, String host, int port, Controls controls) {
    Objects.requireNonNull(host, "host");
    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
    threads.setName("jnas-ui");
    // Daemon threads throughout, so a program that forgets close() can still exit.
    threads.setDaemon(true);
    Server server = new Server(threads, new ScheduledExecutorScheduler("jnas-ui-scheduler", true), null);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
    server.addConnector(connector);
    server.setErrorHandler(new JsonErrors());
    try {
      // Bind before starting anything, so a taken port fails here and leaves no thread behind.
      connector.open();
      int bound = connector.getLocalPort();
      String token = newToken();
      server.setHandler(new Routes(dir, controls, token, HostCheck.of(host, bound)));
      server.start();
      return new WebUi(server, uri(host, bound), token);
    } catch (Exception e) {
      stop(server, connector, e);
      String message = "cannot serve the web UI on " + host + ":" + port + ": " + e.getMessage();
      throw e instanceof IOException io ? new UncheckedIOException(message, io) : new IllegalStateException(message, e);
    }
  }

  public URI uri() {
    return uri;
  }

  /** The token that stopping needs, printed at start-up. */
  public String token() {
    return token;
  }

  /** Stops serving: closes the port and ends the server's threads. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the web UI on " + uri + ": " + e.getMessage(), e);
    }
  }

  private static void stop(Server server, ServerConnector connector, Exception failure) {
    try {
      server.stop();
      // A server that never started does not stop its connector, which may already be bound.
      connector.close();
    } catch (Exception e) {
      failure.addSuppressed(e);
    }
  }

  private static URI uri(String host, int port) {
    String name = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return URI.create("http://" + name + ":" + port + "/");
  }

  private static String newToken() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
