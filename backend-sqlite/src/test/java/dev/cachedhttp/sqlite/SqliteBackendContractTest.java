package dev.cachedhttp.sqlite;

import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.testkit.MutableClock;
import dev.cachedhttp.testkit.StorageContract;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

class SqliteBackendContractTest extends StorageContract {
  @TempDir
  Path folder;

  @Override
  protected Backend createBackend(MutableClock clock) {
    return SqliteBackend.builder().path(folder.resolve("http_cache.db"))
        .cleanupInterval(Duration.ZERO).clock(clock).build();
  }
}
