package dev.cachedhttp.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.Headers;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code maxBytes} holds after every write, for one instance, across a restart and for several
 * instances on one file (each with its own connections, as separate processes have); the least
 * recently used rows go first, reads included.
 */
class BoundTest {
  private static final long MAX_BYTES = 256 << 10;

  @TempDir
  Path folder;

  private final MutableClock clock = MutableClock.create();

  private SqliteBackend open(long maxBytes) {
    return SqliteBackend.builder().path(folder.resolve("bound.db")).maxBytes(maxBytes)
        .cleanupInterval(Duration.ZERO).clock(clock).build();
  }

  private CachedResponse response(int bodyBytes) {
    return CachedResponse.builder().url("https://example.com/").method("GET").status(200)
        .headers(Headers.of("Content-Type", "application/octet-stream"))
        .body(ByteString.of(new byte[bodyBytes])).createdAt(clock.instant()).build();
  }

  private void put(SqliteBackend backend, String key) {
    clock.advance(Duration.ofMillis(1));
    backend.responses().put(key, response(10_000), null);
  }

  @Test
  void theBytesOfAllRowsStayWithinMaxBytesAfterEveryWrite() {
    try (SqliteBackend backend = open(MAX_BYTES)) {
      for (int i = 0; i < 100; i++) {
        put(backend, "k" + i);
        assertThat(backend.storedBytes()).isLessThanOrEqualTo(MAX_BYTES);
      }
      assertThat(backend.responses().count()).isBetween(20L, 25L);
      assertThat(backend.evictionCount().getAsLong()).isEqualTo(100 - backend.responses().count());
      assertThat(backend.estimatedSize().getAsLong()).isEqualTo(backend.responses().count());
    }
  }

  @Test
  void theLeastRecentlyUsedRowsGoFirstAndAReadCounts() {
    try (SqliteBackend backend = open(MAX_BYTES)) {
      for (int i = 0; i < 20; i++) {
        put(backend, "k" + i);
      }
      clock.advance(Duration.ofMillis(1));
      assertThat(backend.lookup("k0")).isPresent();

      for (int i = 20; i < 30; i++) {
        put(backend, "k" + i);
      }

      assertThat(backend.responses().contains("k0")).isTrue();
      assertThat(backend.responses().contains("k1")).isFalse();
      assertThat(backend.responses().contains("k29")).isTrue();
    }
  }

  @Test
  void theBoundHoldsAcrossARestartWithASmallerBound() {
    try (SqliteBackend backend = open(4 * MAX_BYTES)) {
      for (int i = 0; i < 80; i++) {
        put(backend, "k" + i);
      }
      assertThat(backend.storedBytes()).isGreaterThan(MAX_BYTES);
    }

    try (SqliteBackend reopened = open(MAX_BYTES)) {
      assertThat(reopened.responses().get("k79")).isPresent();
      put(reopened, "after-restart");

      assertThat(reopened.storedBytes()).isLessThanOrEqualTo(MAX_BYTES);
      assertThat(reopened.responses().contains("after-restart")).isTrue();
    }
  }

  @Test
  void totalsEditedByHandAreRepairedWhenTheFileIsOpened() throws Exception {
    try (SqliteBackend backend = open(MAX_BYTES)) {
      put(backend, "a");
      put(backend, "b");
    }
    try (RawFile raw = new RawFile(folder.resolve("bound.db"))) {
      raw.update("update cache_meta set entries = 1000, bytes = -5");
    }

    try (SqliteBackend reopened = open(MAX_BYTES)) {
      assertThat(reopened.estimatedSize()).hasValue(2);
      assertThat(reopened.storedBytes()).isBetween(20_000L, 21_000L);
    }
  }

  @Test
  void twoInstancesOnOneFileShareOneBound() {
    try (SqliteBackend first = open(MAX_BYTES); SqliteBackend second = open(MAX_BYTES)) {
      for (int i = 0; i < 60; i++) {
        put(i % 2 == 0 ? first : second, "k" + i);
        assertThat(first.storedBytes()).isLessThanOrEqualTo(MAX_BYTES);
      }
      assertThat(second.responses().count()).isEqualTo(first.responses().count());
      assertThat(first.responses().get("k59")).isPresent();
    }
  }
}
