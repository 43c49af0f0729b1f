package dev.jnas.engine.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.TrainingServiceKind;
import dev.jnas.engine.TrialState;
import dev.jnas.engine.strategy.GridSearchStrategy;
import dev.jnas.nn.spaces.TutorialSpace;
import dev.jnas.runtime.FunctionalEvaluator;
import dev.jnas.runtime.Nas;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebUiTest {
  @TempDir Path dir;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static HttpResponse<String> get(URI base, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(URI base, String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      request.header("X-Jnas-Token", token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void finishedExperiment() {
    new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(m -> {
      Nas.reportIntermediateResult(0.5);
      Nas.reportFinalResult(0.75);
    }), new GridSearchStrategy()).progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
        .run(ExperimentConfig.local().trainingService(TrainingServiceKind.IN_PROCESS).experimentName("ui").maxTrialNumber(3).inputShape(1, 28, 28).experimentDir(dir));
  }

  @Test
  void theRestApiServesARecordedExperimentReadOnly() throws Exception {
    finishedExperiment();
    try (WebUi ui = NasExperiment.serve(dir, "127.0.0.1", freePort())) {
      URI base = ui.uri();
      assertTrue(base.toString().startsWith("http://127.0.0.1:"), base.toString());
      JsonNode experiment = JSON.readTree(get(base, "api/v1/experiment").body());
      assertEquals("ui", experiment.get("name").asText());
      assertEquals("DONE", experiment.get("status").asText());
      assertEquals(3, experiment.get("states").get("SUCCEEDED").asInt());
      assertEquals(3, experiment.get("choices").size());
      assertEquals(0.75, experiment.get("best").get("metric").asDouble());
      JsonNode trials = JSON.readTree(get(base, "api/v1/trials").body());
      assertEquals(3, trials.size());
      assertEquals("[0.5]", trials.get(0).get("intermediate").toString());
      JsonNode trial = JSON.readTree(get(base, "api/v1/trials/2").body());
      assertTrue(trial.get("source").asText().contains("extends AbstractBlock"));
      assertTrue(trial.get("log").asText().contains("intermediate result 0.5"), trial.get("log").asText());
      assertTrue(trial.get("log").asText().contains("SUCCEEDED after"), trial.get("log").asText());
      assertTrue(trial.get("graph").toString().contains("\"target\":\"conv2\""), trial.get("graph").toString());
      assertEquals(404, get(base, "api/v1/trials/99").statusCode());
      assertEquals(200, get(base, "api/v1/files?path=trials/1/sample.json").statusCode());
      assertTrue(get(base, "").body().contains("<title>jnas experiment</title>"));
      assertEquals(200, get(base, "webjars/chart.js/4.4.1/dist/chart.umd.js").statusCode());
      assertEquals(200, get(base, "webjars/cytoscape/3.2.5/dist/cytoscape.min.js").statusCode());
      for (String escape : new String[] {"../../../../etc/passwd", "..%2F..%2F..%2Fetc%2Fpasswd", "/etc/passwd",
          "trials/../../outside", "experiment.db-wal/../../x"}) {
        assertEquals(403, get(base, "api/v1/files?path=" + escape).statusCode(), escape);
      }
      assertEquals(403, post(base, "api/v1/stop", "anything").statusCode(), "a viewed experiment cannot be stopped");
    }
  }

  @Test
  void trainedModelsAreOfferedForDownload() throws Exception {
    new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(models -> {
      ai.djl.nn.Block block = models.newBlock();
      try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager()) {
        block.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, 1, 28, 28));
        models.saveTrained(block);
      }
      Nas.reportFinalResult(0.5);
    }), new GridSearchStrategy()).progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
        .run(ExperimentConfig.local().trainingService(TrainingServiceKind.IN_PROCESS).maxTrialNumber(1).inputShape(1, 28, 28).experimentDir(dir));
    try (WebUi ui = NasExperiment.serve(dir, "127.0.0.1", freePort())) {
      JsonNode trial = JSON.readTree(get(ui.uri(), "api/v1/trials/1").body());
      assertTrue(trial.get("files").toString().contains("trials/1/model.onnx"), trial.get("files").toString());
      assertTrue(trial.get("files").toString().contains("trials/1/model-0000.params"), trial.get("files").toString());
      HttpResponse<String> onnx = get(ui.uri(), "api/v1/files?path=trials/1/model.onnx");
      assertEquals(200, onnx.statusCode());
      assertEquals("application/octet-stream", onnx.headers().firstValue("Content-Type").orElse(""));
      assertTrue(onnx.headers().firstValue("Content-Disposition").orElse("").contains("model.onnx"));
    }
  }

  @Test
  void stoppingARunningExperimentNeedsItsToken() throws Exception {
    int port = freePort();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    NasExperiment exp = new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(m -> {
      for (int i = 0; i < 50; i++) {
        Nas.reportIntermediateResult(i / 50.0);
        Thread.sleep(100);
      }
      Nas.reportFinalResult(1);
    }), new GridSearchStrategy()).progress(new PrintStream(log, true, StandardCharsets.UTF_8));
    Thread runner = new Thread(() -> exp.run(ExperimentConfig.local().trainingService(TrainingServiceKind.IN_PROCESS).maxTrialNumber(4).inputShape(1, 28, 28).experimentDir(dir), port));
    runner.start();
    URI base = URI.create("http://127.0.0.1:" + port + "/");
    String token = null;
    for (int i = 0; i < 100 && token == null; i++) {
      Thread.sleep(100);
      var m = java.util.regex.Pattern.compile("give the token ([0-9a-f]{32})").matcher(log.toString(StandardCharsets.UTF_8));
      token = m.find() ? m.group(1) : null;
    }
    assertTrue(token != null, log.toString(StandardCharsets.UTF_8));
    assertEquals(403, post(base, "api/v1/stop", "wrong").statusCode());
    assertEquals(403, post(base, "api/v1/stop", null).statusCode());
    assertEquals(200, post(base, "api/v1/stop", token).statusCode());
    runner.join(20_000);
    assertEquals("stopped from the web UI", exp.stopReason());
    assertEquals("STOPPED", NasExperiment.view(dir).status());
    assertTrue(exp.trials().stream().allMatch(t -> t.state() == TrialState.CANCELLED
        && t.failure().equals("cancelled: the experiment was stopped from the web UI")), exp.trials()::toString);
    // The page outlives the run, so a short run can still be looked at; closing it is up to the caller.
    assertEquals(Optional.of(base), exp.webUi());
    JsonNode after = JSON.readTree(get(base, "api/v1/experiment").body());
    assertEquals("STOPPED", after.get("status").asText());
    assertEquals(409, post(base, "api/v1/trials/1/stop", token).statusCode(), "nothing runs any more");
    exp.closeWebUi();
    assertEquals(Optional.empty(), exp.webUi());
    assertThrows(java.io.IOException.class, () -> get(base, "api/v1/experiment"));
  }
}
