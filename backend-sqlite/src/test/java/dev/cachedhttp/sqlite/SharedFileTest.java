package dev.cachedhttp.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.StorageException;
import dev.cachedhttp.testkit.MutableClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One file outlives the client that wrote it and is shared: a second client (a restart, another
 * process) is served what the first stored; a file locked by another writer for longer than the
 * busy timeout costs a skipped write, never a failed call.
 */
class SharedFileTest {
  @TempDir
  Path folder;

  private final MutableClock clock = MutableClock.create();
  private final MockWebServer origin = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    origin.start();
  }

  @AfterEach
  void stop() {
    origin.close();
  }

  private CachedClient client(Duration busyTimeout) {
    return CachedClient.builder().backend(SqliteBackend.builder()
            .path(folder.resolve("http_cache.db")).busyTimeout(busyTimeout).clock(clock).build())
        .clock(clock).build();
  }

  private CacheInfo.Source get(OkHttpClient client, String path, String expected)
      throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(origin.url(path)).build())
        .execute()) {
      assertThat(response.body().string()).isEqualTo(expected);
      return CacheInfo.of(response).source();
    }
  }

  @Test
  void aNewClientOnTheFileIsServedWhatAnEarlierOneStoredRedirectsIncluded() throws Exception {
    origin.enqueue(new MockResponse.Builder().code(302)
        .addHeader("Location", origin.url("/report").toString()).build());
    origin.enqueue(new MockResponse.Builder().body("report v1").build());
    try (CachedClient first = client(SqliteBackend.DEFAULT_BUSY_TIMEOUT)) {
      assertThat(get(first.client(), "/latest", "report v1")).isEqualTo(CacheInfo.Source.NETWORK);
    }

    try (CachedClient second = client(SqliteBackend.DEFAULT_BUSY_TIMEOUT)) {
      assertThat(get(second.client(), "/latest", "report v1")).isEqualTo(CacheInfo.Source.CACHE);
      assertThat(get(second.client(), "/report", "report v1")).isEqualTo(CacheInfo.Source.CACHE);
    }
    assertThat(origin.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aPutMeetingALockHeldLongerThanTheBusyTimeoutFailsAndChangesNothing() throws Exception {
    try (SqliteBackend backend = SqliteBackend.builder().path(folder.resolve("busy.db"))
        .busyTimeout(Duration.ofMillis(20)).clock(clock).build();
        RawFile other = new RawFile(backend.path())) {
      other.execute("begin immediate");

      assertThatThrownBy(() -> backend.responses().put("k", CachedResponse.builder()
          .url("https://example.com/").method("GET").status(200)
          .body(ByteString.encodeUtf8("x")).createdAt(clock.instant()).build(), null))
          .isInstanceOf(StorageException.class).hasMessageContaining("busy timeout (20 ms)");

      other.execute("rollback");
      assertThat(backend.responses().count()).isZero();
    }
  }

  @Test
  void throughTheClientALockedFileIsASkippedWriteAndTheCallSucceeds() throws Exception {
    origin.enqueue(new MockResponse.Builder().body("fresh").build());
    origin.enqueue(new MockResponse.Builder().body("fresh").build());
    try (CachedClient cached = client(Duration.ofMillis(20));
        RawFile other = new RawFile(folder.resolve("http_cache.db"))) {
      other.execute("begin immediate");

      assertThat(get(cached.client(), "/a", "fresh")).isEqualTo(CacheInfo.Source.NETWORK);
      assertThat(cached.stats().writesSkipped()).isEqualTo(1);
      assertThat(cached.stats().backendErrors()).isEqualTo(1);

      other.execute("rollback");
      assertThat(get(cached.client(), "/a", "fresh")).isEqualTo(CacheInfo.Source.NETWORK);
      assertThat(get(cached.client(), "/a", "fresh")).isEqualTo(CacheInfo.Source.CACHE);
    }
  }
}
