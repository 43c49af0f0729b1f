package dev.jnas.engine.ui;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a malformed request, headers too large, a handler that gave up) in
 * the API's shape {@code {"error": "..."}} instead of an HTML page.
 */
final class JsonErrors implements Request.Handler {
  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    String message = (String) request.getAttribute(ErrorHandler.ERROR_MESSAGE);
    Throwable cause = (Throwable) request.getAttribute(ErrorHandler.ERROR_EXCEPTION);
    if (cause instanceof HttpException http) {
      status = http.getCode();
      message = message == null ? http.getReason() : message;
    }
    if (message == null) {
      message = cause == null ? HttpStatus.getMessage(status) : cause.toString();
    }
    if (HttpStatus.hasNoBody(status)) {
      response.setStatus(status);
      callback.succeeded();
    } else {
      new Reply(response, callback).error(status, message);
    }
    return true;
  }
}
