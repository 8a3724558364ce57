package dev.cachedhttp.sqlite;

import dev.cachedhttp.spi.CachedResponse;
import java.time.Clock;
import okhttp3.Headers;
import okio.ByteString;

/** Small stored responses for tests. */
final class ReadableResponses {
  private ReadableResponses() {}

  /** A 200 text/plain response with {@code body}, created now. */
  static CachedResponse text(Clock clock, String body) {
    return CachedResponse.builder().url("https://example.com/").method("GET").status(200)
        .headers(Headers.of("Content-Type", "text/plain")).body(ByteString.encodeUtf8(body))
        .createdAt(clock.instant()).build();
  }
}
