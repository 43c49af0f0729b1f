package dev.jnas.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.engine.cli.Jnas;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad options to the tutorial, run as users run it ({@code jnas run dev.jnas.samples.HelloNas ...}): exit 2, naming the option. */
class HelloNasUsageTest {
  @Test
  void badOptionsAreExitTwoNamingTheOption() {
    Map<String, String[]> cases = new LinkedHashMap<>();
    cases.put("'--max-trials': 'abc' is not an int", new String[] {"--max-trials", "abc"});
    cases.put("'--engine': expected one of", new String[] {"--engine", "foo"});
    cases.put("--epochs must be at least 1, got 0", new String[] {"--epochs", "0"});
    cases.put("--concurrency must be at least 1, got -2", new String[] {"--concurrency", "-2"});
    cases.put("--port must be 1 to 65535", new String[] {"--port", "70000"});
    cases.put("--engine must be base or pure", new String[] {"--engine", "benchmark"});
    cases.put("Unknown option: '--bogus'", new String[] {"--bogus"});
    cases.put("Missing required parameter for option '--data'", new String[] {"--data"});
    cases.forEach((expected, options) -> {
      String[] args = new String[options.length + 2];
      args[0] = "run";
      args[1] = HelloNas.class.getName();
      System.arraycopy(options, 0, args, 2, options.length);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Jnas.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
      assertEquals(2, code, String.join(" ", options) + ": " + err);
      assertEquals(1, err.toString().lines().count(), err.toString());
      assertTrue(err.toString().contains(expected), String.join(" ", options) + " should say " + expected + ": " + err);
    });
  }
}
