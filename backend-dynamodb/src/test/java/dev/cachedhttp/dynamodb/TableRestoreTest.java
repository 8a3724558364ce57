package dev.cachedhttp.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.CircuitBreakerConfig;
import dev.cachedhttp.WriteMode;
import dev.cachedhttp.testkit.LogCapture;
import dev.cachedhttp.testkit.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** A table that disappears while the application runs, with {@code createTable(true)}. */
class TableRestoreTest {
  private final MockWebServer origin = new MockWebServer();
  private final MutableClock clock = MutableClock.create();
  private String table;
  private CachedClient cached;

  @BeforeEach
  void start() throws IOException {
    origin.start();
    for (int i = 0; i < 8; i++) {
      origin.enqueue(new MockResponse.Builder().body("answer " + i).build());
    }
    table = LocalTables.uniqueTable("restore");
    cached = CachedClient.builder()
        .backend(LocalTables.backend(table, clock).createTable(true).build())
        .expireAfter(Duration.ofHours(1))
        .writeMode(WriteMode.SYNC)
        .circuitBreaker(CircuitBreakerConfig.disabled())
        .clock(clock)
        .build();
  }

  @AfterEach
  void stop() {
    cached.close();
    origin.close();
    dropTable();
  }

  private void dropTable() {
    try {
      LocalTables.local().client().deleteTable(r -> r.tableName(table));
    } catch (ResourceNotFoundException gone) {
      // already
    }
  }

  private CacheInfo get(String path) throws IOException {
    Request request = new Request.Builder().url(origin.url(path)).build();
    try (Response response = cached.client().newCall(request).execute()) {
      response.body().string();
      return CacheInfo.of(response);
    }
  }

  private boolean tableExists() {
    try {
      LocalTables.local().client().describeTable(r -> r.tableName(table));
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    }
  }

  private void awaitTable() throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(10);
    while (!tableExists() && Instant.now().isBefore(deadline)) {
      Thread.sleep(50); // bounded poll of another thread's work, not a wait for time to pass
    }
  }

  @Test
  void aTableDeletedAtRunTimeIsRecreatedInTheBackgroundAndUsedAgain() throws Exception {
    assertThat(get("/a").stored()).isTrue();
    dropTable();

    try (LogCapture log = LogCapture.start()) {
      CacheInfo whileGone = get("/a");
      awaitTable();

      assertThat(whileGone.fromCache()).isFalse();
      assertThat(tableExists()).isTrue();
      assertThat(log.linesContaining("does not exist any more: re-creating it")).hasSize(1);
    }
    assertThat(get("/b").stored()).isTrue();
    assertThat(get("/b").fromCache()).isTrue();
  }

  @Test
  void reCreationIsTriedAtMostOnceAMinute() throws Exception {
    get("/a");
    dropTable();
    try (LogCapture log = LogCapture.start()) {
      get("/a");
      awaitTable();
      dropTable();
      get("/a");
      get("/a");
      assertThat(tableExists()).as("no second attempt within the minute").isFalse();

      clock.advance(Duration.ofMinutes(1));
      get("/a");
      awaitTable();

      assertThat(tableExists()).isTrue();
      assertThat(log.linesContaining("re-creating it")).hasSize(2);
    }
  }
}
