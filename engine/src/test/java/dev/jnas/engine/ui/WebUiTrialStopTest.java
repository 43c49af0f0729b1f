package dev.jnas.engine.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.TrainingServiceKind;
import dev.jnas.engine.strategy.GridSearchStrategy;
import dev.jnas.nn.spaces.TutorialSpace;
import dev.jnas.runtime.FunctionalEvaluator;
import dev.jnas.runtime.Nas;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/v1/trials/{id}/stop}: 403 without the token, then 404, 409 or 200 by the trial's state. */
class WebUiTrialStopTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void stoppingATrialAnswersByWhetherItExistsAndRuns() throws Exception {
    new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(m -> Nas.reportFinalResult(0.5)), new GridSearchStrategy())
        .progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
        .run(ExperimentConfig.local().trainingService(TrainingServiceKind.IN_PROCESS).maxTrialNumber(2).inputShape(1, 28, 28).experimentDir(dir));
    List<Integer> stopped = new ArrayList<>();
    WebUi.Controls controls = new WebUi.Controls() {
      @Override
      public void stopExperiment() {}

      @Override
      public boolean stopTrial(int id) {
        // Trial 1 plays a running trial; the store's trials are all finished.
        if (id == 1) {
          stopped.add(id);
        }
        return id == 1;
      }
    };
    try (WebUi ui = WebUi.start(dir, "127.0.0.1", 0, controls)) {
      URI base = ui.uri();
      assertEquals(403, WebUiTest.post(base, "api/v1/trials/99/stop", "wrong").statusCode(), "the token comes first");
      assertEquals(403, WebUiTest.post(base, "api/v1/trials/1/stop", null).statusCode());
      assertEquals(List.of(), stopped);

      HttpResponse<String> missing = WebUiTest.post(base, "api/v1/trials/99/stop", ui.token());
      assertEquals(404, missing.statusCode());
      assertEquals("no trial 99", JSON.readTree(missing.body()).get("error").asText());

      HttpResponse<String> finished = WebUiTest.post(base, "api/v1/trials/2/stop", ui.token());
      assertEquals(409, finished.statusCode());
      JsonNode conflict = JSON.readTree(finished.body());
      assertEquals("SUCCEEDED", conflict.get("state").asText());
      assertTrue(conflict.get("error").asText().contains("SUCCEEDED"), finished.body());

      HttpResponse<String> running = WebUiTest.post(base, "api/v1/trials/1/stop", ui.token());
      assertEquals(200, running.statusCode());
      assertEquals(List.of(1), stopped);
    }
    try (WebUi viewer = NasExperiment.serve(dir, "127.0.0.1", 0)) {
      assertEquals(403, WebUiTest.post(viewer.uri(), "api/v1/trials/1/stop", "anything").statusCode(),
          "a viewed experiment's trials cannot be stopped");
    }
  }
}
