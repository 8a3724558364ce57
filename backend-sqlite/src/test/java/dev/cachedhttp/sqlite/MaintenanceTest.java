package dev.cachedhttp.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.testkit.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Headers;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The background work: expired rows are deleted (by the daemon thread, or by {@code cleanUp()}),
 * hits never wait for writers, and free pages go back to the file system.
 */
class MaintenanceTest {
  @TempDir
  Path folder;

  private final MutableClock clock = MutableClock.create();

  private SqliteBackend.Builder builder() {
    return SqliteBackend.builder().path(folder.resolve("m.db")).clock(clock);
  }

  private CachedResponse response(int bodyBytes) {
    return CachedResponse.builder().url("https://example.com/").method("GET").status(200)
        .headers(Headers.of("Content-Type", "application/octet-stream"))
        .body(ByteString.of(new byte[bodyBytes])).createdAt(clock.instant()).build();
  }

  @Test
  void cleanUpDeletesOnlyRowsPastTheirEvictionTime() {
    try (SqliteBackend backend = builder().cleanupInterval(Duration.ZERO).build()) {
      Instant soon = clock.instant().plusSeconds(60);
      for (int i = 0; i < 600; i++) {
        backend.responses().put("old" + i, response(10), soon);
      }
      backend.responses().put("forever", response(10), null);
      backend.redirects().put("alias", "forever", clock.instant().plusSeconds(3600));
      assertThat(backend.cleanUp()).isZero();

      clock.advance(Duration.ofSeconds(61));

      assertThat(backend.cleanUp()).isEqualTo(600);
      assertThat(backend.responses().count()).isEqualTo(1);
      assertThat(backend.lookup("alias")).isPresent();
      assertThat(backend.evictionCount()).hasValue(600);
    }
  }

  @Test
  void theDaemonThreadDeletesExpiredRowsAndStopsOnClose() throws Exception {
    long before = maintenanceThreads();
    SqliteBackend backend = builder().cleanupInterval(Duration.ofMillis(20)).build();
    backend.responses().put("old", response(10), clock.instant().plusSeconds(1));
    clock.advance(Duration.ofSeconds(2));

    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (backend.responses().count() > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(backend.responses().count()).isZero();
    assertThat(maintenanceThreads()).isEqualTo(before + 1);

    backend.close();
    assertThat(maintenanceThreads()).isEqualTo(before);
  }

  private static long maintenanceThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("cachedhttp-sqlite-maintenance") && t.isAlive()).count();
  }

  @Test
  void theThreadCopiesALargeWriteAheadLogBackSoNoWriterPaysForIt() throws Exception {
    try (SqliteBackend backend = builder().cleanupInterval(Duration.ofHours(1)).build()) {
      for (int i = 0; i < 120; i++) {
        backend.responses().put("k" + i, response(100_000), null);
      }

      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (Files.size(backend.path()) < 6_000_000 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(Files.size(backend.path())).isGreaterThan(6_000_000);
    }
  }

  @Test
  void aHitIsServedWhileAnotherConnectionHoldsTheWriteLock() throws Exception {
    try (SqliteBackend backend = builder().busyTimeout(Duration.ofMillis(1))
        .cleanupInterval(Duration.ZERO).build()) {
      backend.responses().put("k", response(100), null);
      try (RawFile writer = new RawFile(backend.path())) {
        writer.execute("begin immediate");
        writer.update("delete from entries");

        assertThat(backend.lookup("k")).isPresent();
        writer.execute("rollback");
      }
    }
  }

  @Test
  void churnReusesFreedPagesAndEmptyingTheCacheShrinksTheFile() throws Exception {
    long maxBytes = 1 << 20;
    try (SqliteBackend backend = builder().maxBytes(maxBytes).cleanupInterval(Duration.ZERO)
        .build()) {
      for (int i = 0; i < 2000; i++) {
        clock.advance(Duration.ofMillis(1));
        backend.responses().put("k" + i, response(10_000), clock.instant().plusSeconds(5));
      }
      backend.cleanUp();
      long afterChurn = fileBytes(backend.path());
      // 20 MB went through a 1 MiB cache: the file holds about the bound plus page slack
      assertThat(afterChurn).isLessThan(3 * maxBytes);

      clock.advance(Duration.ofSeconds(10));
      backend.cleanUp();

      assertThat(backend.responses().count()).isZero();
      assertThat(fileBytes(backend.path())).isLessThan(afterChurn / 2);
    }
  }

  private static long fileBytes(Path db) throws Exception {
    try (RawFile raw = new RawFile(db)) {
      raw.execute("pragma wal_checkpoint(truncate)");
    }
    return Files.size(db);
  }
}
