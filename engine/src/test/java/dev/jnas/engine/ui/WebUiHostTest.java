package dev.jnas.engine.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests must name the bound address in their Host header, so DNS rebinding cannot reach the UI. */
class WebUiHostTest {
  @TempDir Path dir;

  @Test
  void onLoopbackOnlyTheLoopbackNamesWithThePortAreAnswered() throws Exception {
    try (WebUi ui = WebUi.start(dir, "127.0.0.1", 0, null); RawHttp client = new RawHttp(ui.uri().getPort())) {
      int port = ui.uri().getPort();
      for (String host : new String[] {"127.0.0.1:" + port, "localhost:" + port, "LocalHost:" + port, "[::1]:" + port}) {
        assertEquals(200, client.send(RawHttp.get("/app.js", host)).status(), host);
      }
      for (String host : new String[] {"attacker.example:" + port, "attacker.example", "127.0.0.1:" + (port + 1),
          "localhost", "127.0.0.1.attacker.example:" + port, "0.0.0.0:" + port}) {
        RawHttp.Answer answer = client.send(RawHttp.get("/api/v1/experiment", host));
        assertEquals(421, answer.status(), host);
        assertTrue(answer.headers().get("content-type").startsWith("application/json"), host);
        assertTrue(new ObjectMapper().readTree(answer.body()).get("error").asText().contains("DNS rebinding"), answer.body());
      }
      assertEquals(421, client.send("GET /app.js HTTP/1.0\r\n\r\n").status(), "a request without Host is refused");
    }
  }

  @Test
  void theCheckFollowsTheBoundAddress() {
    HostCheck loopback = HostCheck.of("localhost", 8080);
    assertTrue(loopback.allows("127.0.0.1:8080"));
    assertTrue(loopback.allows("[::1]:8080"));
    assertFalse(loopback.allows("127.0.0.1"));
    assertFalse(loopback.allows(null));

    HostCheck defaultPort = HostCheck.of("127.0.0.1", 80);
    assertTrue(defaultPort.allows("localhost"), "a browser leaves out port 80");
    assertTrue(defaultPort.allows("localhost:80"));

    HostCheck ipv6 = HostCheck.of("::1", 9000);
    assertTrue(ipv6.allows("[::1]:9000"));
    assertTrue(ipv6.allows("localhost:9000"));

    // A documentation address (RFC 5737): resolving a literal sends nothing on the network.
    HostCheck lan = HostCheck.of("192.0.2.10", 8080);
    assertTrue(lan.allows("192.0.2.10:8080"));
    assertFalse(lan.allows("localhost:8080"), "bound elsewhere, loopback names are not this server");
    assertFalse(lan.allows("attacker.example:8080"));

    for (String wildcard : new String[] {"0.0.0.0", "::", "[::]"}) {
      assertTrue(HostCheck.of(wildcard, 8080).allows("anything.example:1234"), wildcard);
      assertTrue(HostCheck.of(wildcard, 8080).allows(null), wildcard);
    }
  }
}
