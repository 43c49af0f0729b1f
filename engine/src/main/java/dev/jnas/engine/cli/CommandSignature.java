package dev.jnas.engine.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs the command {@code jnas run} records with a key private to this user account
 * ({@code ~/.jnas/resume.key}, mode 600), so that {@code jnas resume} runs only commands this
 * account recorded: an experiment folder from someone else, or a crafted database, carries no
 * valid signature and cannot make resume start a program of its choosing.
 */
final class CommandSignature {
  private static final String ALGORITHM = "HmacSHA256";

  private final Path keyFile;

  CommandSignature(Path keyFile) {
    this.keyFile = keyFile;
  }

  /** The signer with this account's key. */
  static CommandSignature ofThisAccount() {
    return new CommandSignature(Path.of(System.getProperty("user.home"), ".jnas", "resume.key"));
  }

  /** The signature of {@code command} (the recorded JSON), as hex. */
  String sign(String command) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key(), ALGORITHM));
      return HexFormat.of().formatHex(mac.doFinal(command.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the recorded command: " + e.getMessage(), e);
    }
  }

  /** Whether {@code signature} is this account's signature of {@code command}. */
  boolean verify(String command, String signature) {
    if (signature == null || !Files.isRegularFile(keyFile)) {
      return false;
    }
    byte[] expected = sign(command).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  private byte[] key() {
    try {
      if (!Files.isRegularFile(keyFile)) {
        create();
      }
      byte[] key = Files.readAllBytes(keyFile);
      if (key.length < 32) {
        throw new IllegalStateException(keyFile + " is not a jnas key (" + key.length + " bytes); remove it to make a new one");
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the key " + keyFile + ": " + e.getMessage(), e);
    }
  }

  private void create() throws IOException {
    Files.createDirectories(keyFile.getParent());
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Path partial = keyFile.resolveSibling(keyFile.getFileName() + ".new-" + ProcessHandle.current().pid());
    try {
      Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(partial);
    }
    Files.write(partial, key);
    try {
      // Two first runs at once: the first key to land wins, the other is dropped.
      Files.createLink(keyFile, partial);
    } catch (FileAlreadyExistsException e) {
      // Another process made the key first.
    } finally {
      Files.deleteIfExists(partial);
    }
  }
}
