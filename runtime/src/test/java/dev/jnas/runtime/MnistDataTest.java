package dev.jnas.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDataTest {
  @TempDir Path dir;

  /** Gzipped IDX files of {@code n} images whose pixels are their index and whose labels are index mod 10. */
  static Map<String, byte[]> tinyIdx(int n) throws IOException {
    ByteArrayOutputStream images = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(images))) {
      out.writeInt(0x00000803);
      out.writeInt(n);
      out.writeInt(28);
      out.writeInt(28);
      for (int i = 0; i < n; i++) {
        for (int p = 0; p < 28 * 28; p++) {
          out.writeByte(i);
        }
      }
    }
    ByteArrayOutputStream labels = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(labels))) {
      out.writeInt(0x00000801);
      out.writeInt(n);
      for (int i = 0; i < n; i++) {
        out.writeByte(i % 10);
      }
    }
    return Map.of(MnistData.IMAGES, images.toByteArray(), MnistData.LABELS, labels.toByteArray());
  }

  static void write(Path dir, Map<String, byte[]> files) throws IOException {
    Files.createDirectories(dir);
    for (var e : files.entrySet()) {
      Files.write(dir.resolve(e.getKey()), e.getValue());
    }
  }

  @Test
  void readsIdxFilesAndSlicesThem() throws IOException {
    write(dir, tinyIdx(30));
    MnistData data = MnistData.load(dir);
    assertEquals(30, data.size());
    assertEquals(7, data.label(17));
    MnistData tail = data.slice(20, 30);
    assertEquals(10, tail.size());
    assertEquals(0, tail.label(0));
    assertEquals(3, data.classCounts().get(9));
  }

  @Test
  void badFilesAreClearErrors() throws IOException {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MnistData.load(dir)).getMessage().contains("no MNIST file"));
    Map<String, byte[]> files = new HashMap<>(tinyIdx(5));
    files.put(MnistData.IMAGES, tinyIdx(5).get(MnistData.LABELS));
    write(dir, files);
    assertTrue(assertThrows(UncheckedIOException.class, () -> MnistData.load(dir)).getMessage().contains("not the IDX magic 803"));
  }

  @Test
  void theRealTestSplitHasItsPublishedClassCounts() {
    Path shared = Path.of("..", "..", "shared", "data", "mnist");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(shared.resolve(MnistData.IMAGES)),
        "skipped: the MNIST test split is not at ../shared/data/mnist on this clone (CI always has it)");
    MnistData data = MnistData.load(shared);
    assertEquals(List.of(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009), List.copyOf(data.classCounts().values()));
  }

  @Test
  void downloadsFromALoopbackServerAndChecksTheChecksums() throws Exception {
    Map<String, byte[]> files = tinyIdx(12);
    Map<String, String> md5 = new HashMap<>();
    Path scratch = Files.createDirectories(dir.resolve("scratch"));
    write(scratch, files);
    for (String name : files.keySet()) {
      md5.put(name, MnistData.md5(scratch.resolve(name)));
    }
    List<String> requests = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/mnist/", exchange -> {
      String name = exchange.getRequestURI().getPath().substring("/mnist/".length());
      requests.add(name);
      byte[] body = files.get(name);
      exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
      if (body != null) {
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    server.start();
    try {
      URI source = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/");
      Path target = dir.resolve("downloaded");
      MnistData.download(source, target, md5);
      assertEquals(12, MnistData.load(target).size());
      assertTrue(requests.containsAll(files.keySet()));

      Map<String, String> wrong = new HashMap<>(md5);
      wrong.put(MnistData.IMAGES, "00000000000000000000000000000000");
      Path rejected = dir.resolve("rejected");
      UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> MnistData.download(source, rejected, wrong));
      assertTrue(e.getMessage().contains("not the published 00000000000000000000000000000000; not kept"), e.getMessage());
      assertFalse(Files.exists(rejected.resolve(MnistData.IMAGES)));
      assertFalse(Files.exists(rejected.resolve(MnistData.IMAGES + ".part")));

      UncheckedIOException missing = assertThrows(UncheckedIOException.class,
          () -> MnistData.download(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/nothing/"), dir.resolve("x"), md5));
      assertTrue(missing.getMessage().contains("HTTP 404"), missing.getMessage());
    } finally {
      server.stop(0);
    }
  }
}
