package dev.jnas.engine.service;

import dev.jnas.worker.Wire;
import dev.jnas.worker.WorkerMessage;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The engine's end of the channel its trials report over: a server socket, a hello that must carry
 * the token (compared in constant time), then one reader thread per connection handing each
 * message to the session the hello opened. Whatever is not one of ours is closed unheard.
 */
final class ChannelServer implements AutoCloseable {
  /** Decides who a worker is from its hello; null refuses it. */
  interface Handler {
    Session open(WorkerMessage.Hello hello, Writer out);
  }

  /** One worker's connection, as its handler sees it. */
  interface Session {
    void message(WorkerMessage message);

    /** The connection ended (the worker exited, crashed, or lost its network). */
    default void closed() {}
  }

  private final ServerSocket server;
  private final String token;
  private final Handler handler;

  /**
   * Listens on {@code bind}:{@code port} (0 for any free port); {@code token} null makes a new one.
   * An earlier port and token, kept by the experiment, let jobs that outlived an engine find the next one.
   */
  ChannelServer(InetAddress bind, int port, String token, Handler handler) {
    this.handler = handler;
    this.token = token != null ? token : newToken();
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new java.net.InetSocketAddress(bind, port), 50);
      this.server = socket;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the trials' channel on " + bind.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
    }
    Thread accept = new Thread(this::accept, "jnas-channel");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return server.getLocalPort();
  }

  String token() {
    return token;
  }

  private void accept() {
    while (true) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      Thread reader = new Thread(() -> serve(socket), "jnas-channel-reader");
      reader.setDaemon(true);
      reader.start();
    }
  }

  private void serve(Socket socket) {
    Session session = null;
    try (socket) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(30_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      if (!(Wire.read(in) instanceof WorkerMessage.Hello hello) || hello.token() == null
          || !MessageDigest.isEqual(hello.token().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
        return;
      }
      socket.setSoTimeout(0);
      session = handler.open(hello, new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8)));
      if (session == null) {
        return;
      }
      for (WorkerMessage m; (m = Wire.read(in)) != null; ) {
        session.message(m);
      }
    } catch (IOException e) {
      // The worker's end closed.
    } finally {
      if (session != null) {
        session.closed();
      }
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // Closing anyway.
    }
  }

  private static String newToken() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
