package dev.jnas.engine.strategy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Base64;
import java.util.Map;
import java.util.Random;

/** Helpers for strategies' snapshots: JSON objects, and random generators saved mid-sequence. */
final class StrategyState {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StrategyState() {}

  static String write(Map<String, Object> state) {
    try {
      return JSON.writeValueAsString(state);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode read(String snapshot, String strategy) {
    try {
      return JSON.readTree(snapshot);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a " + strategy + " snapshot: " + snapshot, e);
    }
  }

  /** The generator's exact position in its sequence (java.util.Random is serialisable). */
  static String save(Random random) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(random);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  static Random load(String saved) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(saved)))) {
      return (Random) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalArgumentException("not a saved random generator", e);
    }
  }
}
