package dev.cachedhttp.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.StorageException;
import dev.cachedhttp.testkit.LogCapture;
import dev.cachedhttp.testkit.MutableClock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The file is as hostile as any store others can write: a row changed behind the cache's back is
 * never served. Each damage makes the read fail (a miss for the cache), whatever part it hits.
 */
class DamagedRowTest {
  private static final String BODY = "[{\"id\":0,\"name\":\"item-000000\"}]";

  @TempDir
  Path folder;

  private final MutableClock clock = MutableClock.create();

  private SqliteBackend backend(long maxBodyBytes) {
    return SqliteBackend.builder().path(folder.resolve("c.db")).maxBodyBytes(maxBodyBytes)
        .clock(clock).cleanupInterval(java.time.Duration.ZERO).build();
  }

  private CachedResponse response(String contentType, ByteString body) {
    return CachedResponse.builder().url("https://example.com/items").method("GET").status(200)
        .headers(Headers.of("Content-Type", contentType)).body(body)
        .createdAt(clock.instant()).build();
  }

  /** Changes to the one stored response row, each of which must make its read fail. */
  static final List<String> DAMAGES = List.of(
      "update entries set body = replace(body, 'item-000000', 'item-999999')",
      "update entries set body_crc32c = body_crc32c + 1",
      "update entries set body_crc32c = -1",
      "update entries set body_crc32c = null",
      "update entries set body = cast(body as blob)",
      "update entries set body_encoding = 'binary'",
      "update entries set body_encoding = 'brotli'",
      "update entries set body = null",
      "update entries set headers = '{not json'",
      "update entries set headers = '{\"Content-Type\":\"not a list\"}'",
      "update entries set headers = '{\"Bad Name\\u0000\":[\"x\"]}'",
      "update entries set request = '[]'",
      "update entries set history = '[{\"url\":\"https://x\"}]'",
      "update entries set status = 999",
      "update entries set url = null",
      "update entries set created_at = 'yesterday'",
      "update entries set format = 2",
      "update entries set body = zeroblob(70000), body_encoding = 'binary'");

  static List<String> damages() {
    return DAMAGES;
  }

  @ParameterizedTest
  @MethodSource("damages")
  void aDamagedRowFailsTheReadInsteadOfServingAWrongBody(String damage) throws Exception {
    try (SqliteBackend backend = backend(65536)) {
      backend.responses().put("k", response("application/json", ByteString.encodeUtf8(BODY)),
          null);
      backend.redirects().put("alias", "k", null);
      assertThat(backend.responses().get("k").orElseThrow().body().utf8()).isEqualTo(BODY);

      try (RawFile raw = new RawFile(backend.path())) {
        assertThat(raw.update(damage + " where namespace = 'responses'")).isEqualTo(1);
      }

      assertThatThrownBy(() -> backend.responses().get("k"))
          .isInstanceOf(StorageException.class).hasMessageContaining("unreadable row");
      assertThatThrownBy(() -> backend.lookup("alias")).isInstanceOf(StorageException.class);
    }
  }

  @Test
  void aCorruptGzipBodyFailsTheRead() throws Exception {
    try (SqliteBackend backend = SqliteBackend.builder().path(folder.resolve("z.db"))
        .compressBodiesAbove(16).clock(clock).build()) {
      backend.responses().put("k", response("text/plain",
          ByteString.encodeUtf8("abc".repeat(100))), null);
      try (RawFile raw = new RawFile(backend.path())) {
        raw.update("update entries set body = substr(body, 1, 12)");
      }

      assertThatThrownBy(() -> backend.responses().get("k"))
          .isInstanceOf(StorageException.class).hasMessageContaining("gzip");
    }
  }

  @Test
  void throughTheClientADamagedRowIsAMissCountedLoggedOnceAndRewritten() throws Exception {
    try (MockWebServer origin = new MockWebServer();
        CachedClient cached = CachedClient.builder().backend(backend(1 << 20)).clock(clock)
            .build()) {
      for (int i = 0; i < 3; i++) {
        origin.enqueue(new MockResponse.Builder().body(BODY)
            .addHeader("Content-Type", "application/json").build());
      }
      origin.start();
      String url = origin.url("/items").toString();
      OkHttpClient client = cached.client();
      Path file = ((SqliteBackend) cached.backend()).path();
      assertThat(get(client, url)).isEqualTo(CacheInfo.Source.NETWORK);

      try (LogCapture log = LogCapture.start(); RawFile raw = new RawFile(file)) {
        String damage = "update entries set body = replace(body, 'item-000000', 'item-999999')";
        raw.update(damage);
        assertThat(get(client, url)).isEqualTo(CacheInfo.Source.NETWORK);
        assertThat(cached.stats().backendErrors()).isEqualTo(1);
        assertThat(raw.one("select body from responses").get("body")).isEqualTo(BODY);
        assertThat(get(client, url)).isEqualTo(CacheInfo.Source.CACHE);

        raw.update(damage);
        assertThat(get(client, url)).isEqualTo(CacheInfo.Source.NETWORK);
        assertThat(cached.stats().backendErrors()).isEqualTo(2);
        assertThat(origin.getRequestCount()).isEqualTo(3);
        List<String> warnings = log.linesContaining("WARN");
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("checksum");
      }
    }
  }

  private static CacheInfo.Source get(OkHttpClient client, String url) throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
      assertThat(response.body().string()).isEqualTo(BODY);
      return CacheInfo.of(response).source();
    }
  }
}
