package dev.cachedhttp.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.testkit.MutableClock;
import java.util.Collections;
import java.util.stream.IntStream;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How many DynamoDB requests each backend call costs, counted by an SDK interceptor. */
class RequestCountTest {
  private static final String TABLE = LocalTables.uniqueTable("counted");

  private final MutableClock clock = MutableClock.create();
  private final RecordingClient recording = new RecordingClient();

  @BeforeEach
  void createTable() {
    DynamoDbBackend.builder()
        .readTimeout(LocalTables.TEST_READ_TIMEOUT)
        .readAttemptTimeout(LocalTables.TEST_READ_TIMEOUT)
        .client(recording.client()).tableName(TABLE)
        .build().close();
    recording.reset();
  }

  @AfterEach
  void closeClient() {
    recording.close();
  }

  private DynamoDbBackend backend(int shards) {
    return backend("shards" + shards, shards);
  }

  private DynamoDbBackend backend(String cacheName, int shards) {
    return DynamoDbBackend.builder()
        .readTimeout(LocalTables.TEST_READ_TIMEOUT)
        .readAttemptTimeout(LocalTables.TEST_READ_TIMEOUT)
        .client(recording.client()).tableName(TABLE)
        .cacheName(cacheName).partitionShards(shards).createTable(false).warmUp(false)
        .clock(clock)
        .build();
  }

  private CachedResponse response() {
    return CachedResponse.builder().url("https://example.com/").method("GET").status(200)
        .body(ByteString.encodeUtf8("{\"a\":1}")).createdAt(clock.instant()).build();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void aKeyFoundAsAResponseIsReadWithOneGetItemAndAnyOtherWithOneBatchGetItem(int shards) {
    try (DynamoDbBackend backend = backend(shards)) {
      backend.responses().put("target", response(), null);
      backend.redirects().put("alias", "target", null);
      assertThat(recording.operations()).containsExactly("PutItem", "PutItem");

      recording.reset();
      assertThat(backend.lookup("target")).isPresent();
      assertThat(recording.operations()).as("a first hit: response and alias at once")
          .containsExactly("BatchGetItem");
      recording.reset();
      assertThat(backend.lookup("target")).isPresent();
      assertThat(recording.operations()).as("a hit again").containsExactly("GetItem");
      recording.reset();
      assertThat(backend.lookup("target")).isPresent();
      assertThat(recording.operations()).as("and again").containsExactly("GetItem");

      recording.reset();
      assertThat(backend.lookup("missing")).isEmpty();
      assertThat(recording.operations()).as("a miss").containsExactly("BatchGetItem");
      recording.reset();
      assertThat(backend.lookup("missing")).isEmpty();
      assertThat(recording.operations()).as("a miss again").containsExactly("BatchGetItem");

      recording.reset();
      assertThat(backend.lookup("alias").orElseThrow().key()).isEqualTo("target");
      assertThat(recording.operations()).as("an alias hit")
          .containsExactly("BatchGetItem", "GetItem");
      recording.reset();
      assertThat(backend.lookup("alias").orElseThrow().key()).isEqualTo("target");
      assertThat(recording.operations()).as("an alias hit again")
          .containsExactly("BatchGetItem", "GetItem");

      backend.responses().put("missing", response(), null);
      recording.reset();
      assertThat(backend.lookup("missing")).isPresent();
      assertThat(recording.operations()).as("found as a response where nothing was")
          .containsExactly("BatchGetItem");
      recording.reset();
      assertThat(backend.lookup("missing")).isPresent();
      assertThat(recording.operations()).as("then a hit like any other")
          .containsExactly("GetItem");

      recording.reset();
      assertThat(backend.responses().get("target")).isPresent();
      assertThat(recording.operations()).containsExactly("GetItem");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void aResponseUnderTheKeyWinsOverItsAliasWhicheverShapeReadsThem(int shards) {
    try (DynamoDbBackend backend = backend(shards)) {
      backend.responses().put("target", response(), null);
      backend.redirects().put("both", "target", null);
      assertThat(backend.lookup("both").orElseThrow().key()).isEqualTo("target");

      backend.responses().put("both", response(), null);
      recording.reset();
      assertThat(backend.lookup("both").orElseThrow().key()).as("read both at once")
          .isEqualTo("both");
      assertThat(recording.operations()).containsExactly("BatchGetItem");
      recording.reset();
      assertThat(backend.lookup("both").orElseThrow().key()).as("read the response first")
          .isEqualTo("both");
      assertThat(recording.operations()).containsExactly("GetItem");

      backend.responses().delete("both");
      recording.reset();
      assertThat(backend.lookup("both").orElseThrow().key())
          .as("the response gone: the alias, then its target").isEqualTo("target");
      assertThat(recording.operations()).containsExactly("GetItem", "GetItem", "GetItem");
      recording.reset();
      assertThat(backend.lookup("both").orElseThrow().key()).isEqualTo("target");
      assertThat(recording.operations()).as("then as any alias")
          .containsExactly("BatchGetItem", "GetItem");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void clearQueriesEachPartitionAndDeletesInBatchesOf25NeverScanning(int shards) {
    try (DynamoDbBackend backend = backend(shards)) {
      IntStream.range(0, 60).forEach(i -> backend.responses().put("k" + i, response(), null));
      recording.reset();

      backend.responses().clear();

      assertThat(recording.operations()).doesNotContain("Scan");
      assertThat(Collections.frequency(recording.operations(), "Query")).isEqualTo(shards);
      int batches = Collections.frequency(recording.operations(), "BatchWriteItem");
      assertThat(batches).isBetween(3, 2 + shards);
      assertThat(backend.responses().count()).isZero();
    }
  }

  @org.junit.jupiter.api.Test
  void theInspectorCountsOnlyWhatWasThereToDelete() {
    DynamoDbBackend backend = backend("inspector", 1);
    try (dev.cachedhttp.CachedClient cached = dev.cachedhttp.CachedClient.builder()
        .backend(backend).clock(clock).build()) {
      backend.responses().put("present", response(), null);
      backend.redirects().put("alias", "present", null);

      assertThat(cached.inspector().delete("absent")).isZero();
      assertThat(cached.inspector().delete("present", "present")).isEqualTo(1);
      assertThat(cached.inspector().delete("alias", "absent")).isEqualTo(1);
      assertThat(backend.responses().count()).isZero();
      assertThat(backend.redirects().count()).isZero();
    }
  }

  @org.junit.jupiter.api.Test
  void aHotKeyBehindANearCacheCostsNoRequestForAHundredHitsAndAnInvalidationThree()
      throws Exception {
    try (mockwebserver3.MockWebServer origin = new mockwebserver3.MockWebServer();
        dev.cachedhttp.CachedClient cached = dev.cachedhttp.CachedClient.builder()
            .backend(backend(1)).clock(clock).writeMode(dev.cachedhttp.WriteMode.SYNC)
            .nearCache(dev.cachedhttp.memory.MemoryBackend.builder().clock(clock).build(),
                java.time.Duration.ofSeconds(5))
            .build()) {
      origin.setServerSocketFactory(new dev.cachedhttp.testkit.NoDelayServerSockets());
      origin.enqueue(new mockwebserver3.MockResponse.Builder().body("hot").build());
      origin.enqueue(new mockwebserver3.MockResponse.Builder().body("updated").build());
      origin.start();
      okhttp3.Request hot = new okhttp3.Request.Builder().url(origin.url("/hot")).build();
      cached.client().newCall(hot).execute().close();
      recording.reset();

      for (int i = 0; i < 100; i++) {
        try (okhttp3.Response response = cached.client().newCall(hot).execute()) {
          assertThat(response.body().string()).isEqualTo("hot");
        }
      }
      assertThat(recording.operations()).as("DynamoDB requests for 100 hits").isEmpty();

      clock.advance(java.time.Duration.ofSeconds(5));
      cached.client().newCall(hot).execute().close();
      assertThat(recording.operations()).as("after maxAge, one read (both items at once: "
          + "this process has not found the key as a response yet, only as nothing at its miss)").containsExactly(
          "BatchGetItem");

      recording.reset();
      cached.client().newCall(hot.newBuilder().put(okhttp3.RequestBody.create("x",
          okhttp3.MediaType.get("text/plain"))).build()).execute().close();
      assertThat(recording.operations()).as("an invalidation: the responses and their chunks "
          + "found by prefix and deleted, then the redirect aliases (none here)")
          .containsExactly("Query", "BatchWriteItem", "Query");
    }
  }
}
