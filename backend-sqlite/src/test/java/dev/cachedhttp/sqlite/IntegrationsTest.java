package dev.cachedhttp.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.CachedClient;
import dev.cachedhttp.ValueCache;
import dev.cachedhttp.micrometer.CachedHttpMetrics;
import dev.cachedhttp.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite backend under the library's other front doors: ValueCache, Micrometer, inspector. */
class IntegrationsTest {
  @TempDir
  Path folder;

  private final MutableClock clock = MutableClock.create();

  private SqliteBackend backend() {
    return SqliteBackend.builder().path(folder.resolve("cache.db")).clock(clock).build();
  }

  /** A value record, as applications cache them. */
  record Report(String name, int total) {}

  @Test
  void aValueCacheOnTheFileComputesOnceExpiresAndSurvivesARestart() {
    int[] computed = {0};
    try (SqliteBackend backend = backend()) {
      ValueCache values = ValueCache.builder().backend(backend).clock(clock)
          .namespace("reports").build();
      Report first = values.getOrCompute("r:1", Report.class, Duration.ofMinutes(5),
          () -> new Report("daily", ++computed[0]));
      Report again = values.getOrCompute("r:1", Report.class, Duration.ofMinutes(5),
          () -> new Report("daily", ++computed[0]));
      assertThat(again).isEqualTo(first);
      values.put("r:2", Map.of("name", "weekly"), Duration.ofMinutes(1));
    }

    try (SqliteBackend backend = backend()) {
      ValueCache reopened = ValueCache.builder().backend(backend).clock(clock)
          .namespace("reports").build();
      assertThat(reopened.get("r:1", Report.class)).contains(new Report("daily", 1));
      clock.advance(Duration.ofMinutes(2));
      assertThat(reopened.has("r:2")).isFalse();
      assertThat(reopened.get("r:1", Report.class)).isPresent();
    }
    assertThat(computed[0]).isEqualTo(1);
  }

  @Test
  void micrometersCacheSizeIsTheRowCountOfTheFileAndTheInspectorCountsIt() throws IOException {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (MockWebServer origin = new MockWebServer();
        CachedClient cached = CachedHttpMetrics.monitor(registry, CachedClient.builder()
            .backend(backend()).clock(clock).build(), "files")) {
      for (int i = 0; i < 3; i++) {
        origin.enqueue(new MockResponse.Builder().body("body " + i).build());
      }
      origin.start();
      for (String path : new String[] {"/a", "/b", "/c", "/a"}) {
        try (Response response = cached.client().newCall(new Request.Builder()
            .url(origin.url(path)).build()).execute()) {
          response.body().string();
        }
      }

      assertThat(registry.get("cache.size").tags("cache", "files").gauge().value())
          .isEqualTo(3);
      assertThat(registry.get("cache.gets").tags("result", "hit").functionCounter().count())
          .isEqualTo(1);
      assertThat(cached.inspector().count()).isEqualTo(3);
    }
  }
}
