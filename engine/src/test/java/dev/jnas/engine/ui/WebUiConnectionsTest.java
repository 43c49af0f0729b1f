package dev.jnas.engine.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's hold on connections and threads: idle clients, closing, a taken port. */
class WebUiConnectionsTest {
  @TempDir Path dir;

  @Test
  void halfOpenConnectionsNeitherBlockOthersNorStayOpen() throws Exception {
    try (WebUi ui = WebUi.start(dir, "127.0.0.1", 0, null)) {
      int port = ui.uri().getPort();
      List<RawHttp> idle = new ArrayList<>();
      try {
        // More than the old server's four threads, each a request begun and never finished.
        for (int i = 0; i < 8; i++) {
          RawHttp client = new RawHttp(port);
          client.write("GET /api/v1/experiment HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
          idle.add(client);
        }
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(ui.uri())
            .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>jnas experiment</title>"));
        for (RawHttp client : idle) {
          assertTrue(client.closedByServerWithin((int) WebUi.IDLE_TIMEOUT.toMillis() + 10_000),
              "an idle connection is closed after " + WebUi.IDLE_TIMEOUT);
        }
      } finally {
        for (RawHttp client : idle) {
          client.close();
        }
      }
    }
  }

  @Test
  void closingFreesThePortAndEndsTheServersThreads() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    WebUi ui = WebUi.start(dir, "127.0.0.1", 0, null);
    int port = ui.uri().getPort();
    try (RawHttp client = new RawHttp(port)) {
      assertEquals(200, client.send(RawHttp.get("/app.js", "127.0.0.1:" + port)).status());
    }
    assertTrue(!serverThreads(before).isEmpty(), "the server runs on threads named jnas-ui");
    ui.close();
    for (int i = 0; i < 100 && !serverThreads(before).isEmpty(); i++) {
      Thread.sleep(100);
    }
    assertEquals(List.of(), serverThreads(before));
    try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
      assertEquals(port, again.getLocalPort());
    }
  }

  @Test
  void aTakenPortFailsAtStartNamingHostAndPort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Set<Thread> before = Thread.getAllStackTraces().keySet();
      UncheckedIOException e = assertThrows(UncheckedIOException.class,
          () -> WebUi.start(dir, "127.0.0.1", taken.getLocalPort(), null));
      assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
      assertEquals(List.of(), serverThreads(before), "a failed start leaves no thread behind");
    }
  }

  private static List<String> serverThreads(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && t.isAlive() && t.getName().startsWith("jnas-ui"))
        .map(Thread::getName).toList();
  }
}
