package dev.jnas.worker;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch job's channel to its engine, which must survive the engine: it connects with retries,
 * keeps every message of its trial, and after any reconnection says hello and replays them all in
 * order (the engine starts the trial's record over on its start, so nothing counts twice). The job
 * ends only once the engine acknowledged the trial's end, or after {@code patience} without an engine.
 */
final class JobLink {
  private final String host;
  private final int port;
  private final String name;
  private final String token;
  private final Duration patience;
  private final List<WorkerMessage> sent = new ArrayList<>();
  private Socket socket;
  private Writer out;
  private boolean acknowledged;

  JobLink(String host, int port, String name, String token, Duration patience) {
    this.host = host;
    this.port = port;
    this.name = name;
    this.token = token;
    this.patience = patience;
  }

  /** Sends (or, while the engine is away, keeps for later) one message of the trial. */
  synchronized void send(WorkerMessage message) {
    // Progress is only worth its latest value: it is sent while connected, never replayed.
    if (!(message instanceof WorkerMessage.Progress)) {
      sent.add(message);
    }
    if (out != null) {
      try {
        Wire.write(out, message);
      } catch (IOException e) {
        disconnect();
      }
    }
  }

  /**
   * Connects, waiting up to the patience for an engine, then keeps the link up for the job's life:
   * whenever it drops, a daemon reconnects every two seconds and replays, so reports reach an engine
   * that restarted while the trial ran.
   */
  void start() throws InterruptedException {
    awaitConnected();
    Thread keeper = new Thread(() -> {
      while (true) {
        try {
          Thread.sleep(2000);
        } catch (InterruptedException e) {
          return;
        }
        synchronized (this) {
          if (out == null) {
            tryConnect();
          }
        }
      }
    }, "jnas-job-reconnect");
    keeper.setDaemon(true);
    keeper.start();
  }

  /** Waits until the engine acknowledges the trial's end, reconnecting and replaying as needed. */
  synchronized void awaitAck() throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (!acknowledged) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the engine at " + host + ":" + port + " never acknowledged the trial's end within "
            + patience);
      }
      if (out == null) {
        tryConnect();
      }
      wait(1000);
    }
  }

  private synchronized void awaitConnected() throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (!tryConnect()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no engine answered on " + host + ":" + port + " within " + patience);
      }
      wait(2000);
    }
  }

  /** One attempt: connect, say hello, replay everything so far. */
  private boolean tryConnect() {
    try {
      Socket s = new Socket(host, port);
      s.setTcpNoDelay(true);
      Writer w = new BufferedWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8));
      Wire.write(w, new WorkerMessage.Hello(name, token, ProcessHandle.current().pid()));
      for (WorkerMessage m : sent) {
        Wire.write(w, m);
      }
      socket = s;
      out = w;
      listen(s);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void listen(Socket s) {
    Thread reader = new Thread(() -> {
      try {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        for (WorkerMessage m; (m = Wire.read(in)) != null; ) {
          if (m instanceof WorkerMessage.Ack) {
            synchronized (this) {
              acknowledged = true;
              notifyAll();
            }
          }
        }
      } catch (IOException e) {
        // The engine went away; the next send or wait reconnects.
      }
      synchronized (this) {
        if (socket == s) {
          disconnect();
        }
        notifyAll();
      }
    }, "jnas-job-channel");
    reader.setDaemon(true);
    reader.start();
  }

  private void disconnect() {
    try {
      if (socket != null) {
        socket.close();
      }
    } catch (IOException ignored) {
      // Gone already.
    }
    socket = null;
    out = null;
  }
}
