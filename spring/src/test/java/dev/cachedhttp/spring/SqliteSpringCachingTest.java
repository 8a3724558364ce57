package dev.cachedhttp.spring;

import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.sqlite.SqliteBackend;
import dev.cachedhttp.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/** Spring caching over a SQLite file. */
class SqliteSpringCachingTest extends SpringCachingContract {
  @TempDir
  Path folder;

  @Override
  protected Backend createBackend(MutableClock clock) {
    return SqliteBackend.builder().path(folder.resolve("spring_cache.db"))
        .cleanupInterval(Duration.ZERO).clock(clock).build();
  }
}
