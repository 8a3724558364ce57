package dev.cachedhttp.sqlite;

import dev.cachedhttp.spi.CachedResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import okhttp3.Headers;
import okio.ByteString;

/**
 * The writer process of {@link CrashSafetyTest}: stores entry after entry from a starting index
 * and prints {@code committed N} once each put has returned, until it is killed.
 */
public final class CrashWriter {
  private CrashWriter() {}

  /** The response stored as entry {@code i}: text or binary, 1 byte to 300 KB, unique. */
  static CachedResponse entry(int i) {
    Random random = new Random(i);
    int size = 1 + (int) ((i * 7919L) % 300_000);
    byte[] bytes = new byte[size];
    boolean text = i % 2 == 0;
    for (int b = 0; b < size; b++) {
      bytes[b] = text ? (byte) ('a' + random.nextInt(26)) : (byte) random.nextInt(256);
    }
    return CachedResponse.builder().url("https://example.com/entry/" + i).method("GET")
        .status(200)
        .headers(Headers.of("Content-Type", text ? "text/plain" : "application/octet-stream"))
        .body(ByteString.of(bytes)).createdAt(Instant.parse("2026-01-01T00:00:00Z")).build();
  }

  /** Arguments: the file, the first index. */
  public static void main(String[] args) {
    int first = Integer.parseInt(args[1]);
    try (SqliteBackend backend = SqliteBackend.builder().path(Path.of(args[0]))
        .maxBytes(1L << 30).busyTimeout(Duration.ofSeconds(5)).build()) {
      for (int i = first; ; i++) {
        backend.responses().put("k" + i, entry(i), null);
        System.out.println("committed " + i);
        System.out.flush();
      }
    }
  }
}
