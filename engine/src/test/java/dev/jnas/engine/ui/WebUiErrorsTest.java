package dev.jnas.engine.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures inside the server answer JSON with a status, on a connection that stays usable. */
class WebUiErrorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void anUnreadableStoreAnswers500Json() throws Exception {
    Files.writeString(dir.resolve("experiment.db"), "not a database ".repeat(400), StandardCharsets.UTF_8);
    try (WebUi ui = WebUi.start(dir, "127.0.0.1", 0, null); RawHttp client = new RawHttp(ui.uri().getPort())) {
      String host = "127.0.0.1:" + ui.uri().getPort();
      for (String path : new String[] {"/api/v1/experiment", "/api/v1/trials", "/api/v1/trials/1"}) {
        RawHttp.Answer answer = client.send(RawHttp.get(path, host));
        assertEquals(500, answer.status(), path);
        assertTrue(answer.headers().get("content-type").startsWith("application/json"), path);
        assertEquals("no-store", answer.headers().get("cache-control"), path);
        assertTrue(JSON.readTree(answer.body()).get("error").asText().contains("database"), answer.body());
      }
    }
  }

  @Test
  void anErrorThrownByAControlAnswers500AndKeepsTheConnection() throws Exception {
    WebUi.Controls broken = new WebUi.Controls() {
      @Override
      public void stopExperiment() {
        throw new NoClassDefFoundError("dev/jnas/Missing");
      }

      @Override
      public boolean stopTrial(int id) {
        throw new AssertionError();
      }
    };
    try (WebUi ui = WebUi.start(dir, "127.0.0.1", 0, broken); RawHttp client = new RawHttp(ui.uri().getPort())) {
      String host = "127.0.0.1:" + ui.uri().getPort();
      RawHttp.Answer stop = client.send("POST /api/v1/stop HTTP/1.1\r\nHost: " + host + "\r\nX-Jnas-Token: " + ui.token()
          + "\r\nContent-Length: 0\r\n\r\n");
      assertEquals(500, stop.status());
      assertEquals("dev/jnas/Missing", JSON.readTree(stop.body()).get("error").asText());
      RawHttp.Answer stopTrial = client.send("POST /api/v1/trials/1/stop HTTP/1.1\r\nHost: " + host + "\r\nX-Jnas-Token: "
          + ui.token() + "\r\nContent-Length: 0\r\n\r\n");
      assertEquals(500, stopTrial.status());
      assertEquals("java.lang.AssertionError", JSON.readTree(stopTrial.body()).get("error").asText());
      assertEquals(200, client.send(RawHttp.get("/app.js", host)).status(), "the same connection answers on");
    }
  }

  @Test
  void requestsTheServerCannotParseAnswerJsonToo() throws Exception {
    try (WebUi ui = WebUi.start(dir, "127.0.0.1", 0, null); RawHttp client = new RawHttp(ui.uri().getPort())) {
      RawHttp.Answer answer = client.send("GET /app.js HTTP/1.1\r\nHost: 127.0.0.1:" + ui.uri().getPort()
          + "\r\nBad Header Name: x\r\n\r\n");
      assertEquals(400, answer.status());
      assertTrue(answer.headers().get("content-type").startsWith("application/json"), answer.headers().toString());
      JsonNode error = JSON.readTree(answer.body());
      assertTrue(error.has("error"), answer.body());
    }
  }
}
