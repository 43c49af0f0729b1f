package dev.jnas.runtime;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.RandomAccessDataset;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * MNIST digits in memory, read from the standard IDX files (gzip) once per experiment and shared
 * read-only by its trials; each trial makes its own DJL dataset from them.
 */
public final class MnistData implements DatasetSource {
  private static final long serialVersionUID = 1L;
  public static final int SIDE = 28;
  public static final String IMAGES = "t10k-images-idx3-ubyte.gz";
  public static final String LABELS = "t10k-labels-idx1-ubyte.gz";
  /** The published MD5 of each standard MNIST file. */
  public static final Map<String, String> MD5 = Map.of(
      "t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3",
      "t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c",
      "train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873",
      "train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432");
  /** Where MNIST is downloaded from when no local copy is found; {@code JNAS_MNIST_URL} overrides it. */
  public static final URI DEFAULT_SOURCE = URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/");

  /** Files already read in this JVM, so a warm worker reads MNIST once for all its trials. */
  private static final Map<String, MnistData> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

  private final float[] pixels;
  private final int[] labels;
  /** Where the examples came from (the directory, and which of its examples), or null when built from arrays. */
  private final transient Origin origin;

  private MnistData(float[] pixels, int[] labels, Origin origin) {
    this.pixels = pixels;
    this.labels = labels;
    this.origin = origin;
  }

  /** The directory a data set was read from and the range of its examples this one holds. */
  private record Origin(String dir, int from, int to) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Reads the examples again in the receiving JVM (once per JVM and directory). */
    private Object readResolve() {
      MnistData all = LOADED.computeIfAbsent(dir, d -> read(Path.of(d)));
      return from == 0 && to == all.size() ? all : all.slice(from, to);
    }
  }

  /**
   * Travels as its origin (a path and a range) when it was read from files, so a trial in a worker
   * JVM reads the same examples from the same files instead of receiving megabytes of pixels.
   */
  private Object writeReplace() {
    return origin != null ? origin : this;
  }

  /** Reads the test split in {@code dir} (the 10,000 images jnas's samples split into train and validation). */
  public static MnistData load(Path dir) {
    return read(dir.toAbsolutePath().normalize());
  }

  private static MnistData read(Path dir) {
    Path images = dir.resolve(IMAGES);
    Path labels = dir.resolve(LABELS);
    for (Path file : new Path[] {images, labels}) {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("no MNIST file " + file + "; expected " + IMAGES + " and " + LABELS + " in " + dir);
      }
    }
    int[] labelValues = readLabels(labels);
    float[] pixelValues = readImages(images, labelValues.length);
    return new MnistData(pixelValues, labelValues, new Origin(dir.toString(), 0, labelValues.length));
  }

  /**
   * The directory holding MNIST: {@code option} (a --data flag) if given, else {@code JNAS_DATA},
   * else {@code ../shared/data/mnist} if present, else {@code ~/.jnas/data/mnist}, downloaded there
   * (with checksums checked) when missing.
   */
  public static Path locate(String option) {
    if (option != null && !option.isBlank()) {
      return Path.of(option);
    }
    String env = System.getenv("JNAS_DATA");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    Path shared = Path.of("..", "shared", "data", "mnist");
    if (Files.isRegularFile(shared.resolve(IMAGES))) {
      return shared;
    }
    Path home = Path.of(System.getProperty("user.home"), ".jnas", "data", "mnist");
    if (!Files.isRegularFile(home.resolve(IMAGES)) || !Files.isRegularFile(home.resolve(LABELS))) {
      String source = System.getenv("JNAS_MNIST_URL");
      download(source == null ? DEFAULT_SOURCE : URI.create(source), home);
    }
    return home;
  }

  /** Downloads the test split from {@code source} into {@code dir}, checking each file's published MD5. */
  public static void download(URI source, Path dir) {
    download(source, dir, MD5);
  }

  /** Downloads the test split, checking each file against {@code md5} (file name to hex digest). */
  static void download(URI source, Path dir, Map<String, String> md5) {
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    try {
      Files.createDirectories(dir);
      for (String name : new String[] {IMAGES, LABELS}) {
        URI uri = source.resolve(name);
        Path partial = dir.resolve(name + ".part");
        HttpResponse<Path> response = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofFile(partial));
        if (response.statusCode() != 200) {
          Files.deleteIfExists(partial);
          throw new IOException("downloading " + uri + " answered HTTP " + response.statusCode());
        }
        String actual = md5(partial);
        if (!actual.equals(md5.get(name))) {
          Files.deleteIfExists(partial);
          throw new IOException("downloaded " + uri + " has MD5 " + actual + ", not the published " + md5.get(name) + "; not kept");
        }
        Files.move(partial, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot download MNIST from " + source + " into " + dir + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while downloading MNIST", e);
    }
  }

  static String md5(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("MD5");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The number of examples. */
  public int size() {
    return labels.length;
  }

  /** The label (0 to 9) of example {@code index}. */
  public int label(int index) {
    return labels[index];
  }

  /** Examples {@code from} (inclusive) to {@code to} (exclusive), sharing nothing mutable. */
  public MnistData slice(int from, int to) {
    if (from < 0 || to > size() || from >= to) {
      throw new IllegalArgumentException("cannot take examples " + from + " to " + to + " of " + size());
    }
    float[] p = new float[(to - from) * SIDE * SIDE];
    System.arraycopy(pixels, from * SIDE * SIDE, p, 0, p.length);
    int[] l = new int[to - from];
    System.arraycopy(labels, from, l, 0, l.length);
    return new MnistData(p, l, origin == null ? null : new Origin(origin.dir(), origin.from() + from, origin.from() + to));
  }

  /** Class counts, digit 0 to 9. */
  public Map<Integer, Integer> classCounts() {
    Map<Integer, Integer> counts = new LinkedHashMap<>();
    for (int d = 0; d < 10; d++) {
      counts.put(d, 0);
    }
    for (int label : labels) {
      counts.merge(label, 1, Integer::sum);
    }
    return counts;
  }

  /** The training set's pixel mean and standard deviation, which the tutorial normalises with. */
  public static final float MEAN = 0.1307f;
  public static final float STD = 0.3081f;

  /** The pixels, scaled and normalised as {@link #toDataset} feeds them, one example after another. */
  public float[] normalizedPixels() {
    float[] out = new float[pixels.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (pixels[i] - MEAN) / STD;
    }
    return out;
  }

  /**
   * A DJL dataset of (1, 28, 28) images, normalised as the tutorial's
   * {@code Normalize((0.1307,), (0.3081,))}, and their labels, in {@code manager}.
   */
  public ArrayDataset toDataset(NDManager manager, int batchSize, boolean shuffle) {
    float[] labelValues = new float[labels.length];
    for (int i = 0; i < labels.length; i++) {
      labelValues[i] = labels[i];
    }
    return new ArrayDataset.Builder()
        .setData(manager.create(pixels, new Shape(size(), 1, SIDE, SIDE)).sub(MEAN).div(STD))
        .optLabels(manager.create(labelValues, new Shape(size())))
        .setSampling(batchSize, shuffle)
        .build();
  }

  /** This split as a dataset for the built-in evaluators, which choose batch size and order themselves. */
  @Override
  public RandomAccessDataset build(NDManager manager) {
    return toDataset(manager, 1, false);
  }

  private static int[] readLabels(Path file) {
    try (DataInputStream in = open(file)) {
      expectMagic(in, 0x00000801, file);
      int n = in.readInt();
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        out[i] = in.readUnsignedByte();
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read MNIST labels " + file + ": " + e.getMessage(), e);
    }
  }

  private static float[] readImages(Path file, int expected) {
    try (DataInputStream in = open(file)) {
      expectMagic(in, 0x00000803, file);
      int n = in.readInt();
      int rows = in.readInt();
      int cols = in.readInt();
      if (n != expected || rows != SIDE || cols != SIDE) {
        throw new IOException("holds " + n + " images of " + rows + "x" + cols + ", expected " + expected + " of 28x28");
      }
      byte[] raw = in.readNBytes(n * rows * cols);
      if (raw.length != n * rows * cols) {
        throw new IOException("ends after " + raw.length + " of " + n * rows * cols + " pixels");
      }
      float[] out = new float[raw.length];
      for (int i = 0; i < raw.length; i++) {
        out[i] = (raw[i] & 0xff) / 255f;
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read MNIST images " + file + ": " + e.getMessage(), e);
    }
  }

  private static DataInputStream open(Path file) throws IOException {
    return new DataInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16));
  }

  private static void expectMagic(DataInputStream in, int magic, Path file) throws IOException {
    int actual = in.readInt();
    if (actual != magic) {
      throw new IOException("starts with " + Integer.toHexString(actual) + ", not the IDX magic " + Integer.toHexString(magic));
    }
  }
}
