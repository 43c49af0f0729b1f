package dev.jnas.engine.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The one answer to a request: status, type and whole body, never cached, written at most once. */
final class Reply {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Response response;
  private final Callback callback;
  private boolean sent;

  Reply(Response response, Callback callback) {
    this.response = response;
    this.callback = callback;
  }

  /** The body {@code {"error": message}} with a 4xx or 5xx status. */
  void error(int status, String message) {
    json(status, Map.of("error", message));
  }

  void json(int status, Object body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the answer as JSON: " + e.getMessage(), e);
    }
    send(status, "application/json; charset=utf-8", bytes);
  }

  /** Offers the body as a download named {@code fileName} rather than showing it. */
  void attachment(String fileName) {
    response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
  }

  void send(int status, String type, byte[] body) {
    if (sent) {
      throw new IllegalStateException("a request is answered once");
    }
    sent = true;
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  /**
   * Answers 500 with {@code failure}'s message when nothing was sent yet, dropping headers set on
   * the way; once the answer is on its way Jetty owns the callback, and the failure is too late.
   */
  void fail(Throwable failure) {
    if (sent) {
      return;
    }
    response.reset();
    String message = failure.getMessage();
    error(500, message == null || message.isBlank() ? failure.toString() : message);
  }
}
