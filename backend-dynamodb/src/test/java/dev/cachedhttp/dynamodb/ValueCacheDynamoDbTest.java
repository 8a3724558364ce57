package dev.cachedhttp.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedhttp.ValueCache;
import dev.cachedhttp.dynamodb.internal.ValueStorage;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.StorageException;
import dev.cachedhttp.testkit.MutableClock;
import dev.cachedhttp.testkit.dynamodb.DynamoDbLocal;
import java.time.Duration;
import java.util.Map;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The value cache over DynamoDB Local: expiry, clear by paginated queries, long keys, outages. */
class ValueCacheDynamoDbTest {
  private final MutableClock clock = MutableClock.create();

  private ValueCache.Builder cacheOn(DynamoDbBackend backend) {
    return ValueCache.builder().backend(backend).clock(clock);
  }

  @Test
  void aThirtySecondValueIsAHitAtTwentyNineSecondsAndAMissAtThirtyOne() {
    String table = LocalTables.tableWithoutTtlDeletion("values_expiry");
    try (DynamoDbBackend backend = LocalTables.backend(table, clock).build();
        ValueCache cache = cacheOn(backend).build()) {
      cache.put("k", Map.of("foo", "bar"), Duration.ofSeconds(30));

      clock.advance(Duration.ofSeconds(29));
      assertThat(cache.get("k", Map.class)).contains(Map.of("foo", "bar"));

      clock.advance(Duration.ofSeconds(2));
      assertThat(cache.get("k", Map.class)).isEmpty();
      assertThat(cache.has("k")).isFalse();
      assertThat(LocalTables.rawItem(table, "cache", "k")).isNotEmpty();
    }
  }

  @Test
  void clearQueriesItsOwnNamespacePageByPageAndLeavesEverythingElse() {
    String table = LocalTables.tableWithoutTtlDeletion("values_clear");
    try (RecordingClient recording = new RecordingClient();
        DynamoDbBackend backend = DynamoDbBackend.builder().client(recording.client())
            .tableName(table).createTable(false).clock(clock).build();
        ValueCache cache = cacheOn(backend).build();
        ValueCache other = cacheOn(backend).namespace("other").build()) {
      String large = "x".repeat(300_000);
      for (int i = 0; i < 5; i++) {
        cache.put("big-" + i, large);
      }
      cache.put("small", 1);
      other.put("big-0", "kept");
      backend.responses().put("response-key", CachedResponse.builder()
          .url("https://example.com/").method("GET").status(200)
          .body(ByteString.encodeUtf8("body")).createdAt(clock.instant()).build(), null);
      recording.reset();

      cache.clear();

      assertThat(recording.operations()).doesNotContain("Scan");
      assertThat(recording.operations().stream().filter("Query"::equals).count())
          .isGreaterThanOrEqualTo(2);
      assertThat(backend.values("cache").count()).isZero();
      assertThat(other.get("big-0", String.class)).contains("kept");
      assertThat(backend.responses().get("response-key")).isPresent();
    }
  }

  @Test
  void aShortKeyEqualToAnotherKeysHashedFormNeverTouchesThatValue() {
    String table = LocalTables.tableWithoutTtlDeletion("values_hash_space");
    try (DynamoDbBackend backend = LocalTables.backend(table, clock).build();
        ValueCache cache = cacheOn(backend).build()) {
      String longKey = "report:" + "q".repeat(2000);
      cache.put(longKey, "the long key's value");
      String lookalike = ValueStorage.sortKeyOf(longKey);

      cache.put(lookalike, "the lookalike's value");
      cache.delete(lookalike);

      assertThat(cache.get(longKey, String.class)).contains("the long key's value");
      assertThat(cache.get(lookalike, String.class)).isEmpty();
    }
  }

  @Test
  void aCompletedAsyncGetOrComputeIsFoundByTheNextOne() throws Exception {
    String table = LocalTables.tableWithoutTtlDeletion("values_compute_once");
    try (DynamoDbBackend backend = LocalTables.backend(table, clock).build();
        ValueCache cache = cacheOn(backend).build()) {
      java.util.concurrent.atomic.AtomicInteger computed =
          new java.util.concurrent.atomic.AtomicInteger();
      for (int i = 0; i < 40; i++) {
        String key = "c" + i;
        cache.async().getOrCompute(key, String.class, Duration.ofMinutes(1),
            () -> java.util.concurrent.CompletableFuture.completedFuture("v" + computed
                .incrementAndGet())).get(10, java.util.concurrent.TimeUnit.SECONDS);
        String again = i % 2 == 0
            ? cache.async().getOrCompute(key, String.class, Duration.ofMinutes(1),
                () -> java.util.concurrent.CompletableFuture.completedFuture("second"))
                .get(10, java.util.concurrent.TimeUnit.SECONDS)
            : cache.getOrCompute(key, String.class, Duration.ofMinutes(1), () -> "second");
        assertThat(again).as("try %d", i).isNotEqualTo("second");
      }
      assertThat(computed).hasValue(40);
    }
  }

  @Test
  void aKeyTooLongForASortKeyIsHashedWithAReadablePrefixAndKeptWhole() {
    String table = LocalTables.tableWithoutTtlDeletion("values_long_key");
    try (DynamoDbBackend backend = LocalTables.backend(table, clock).build();
        ValueCache cache = cacheOn(backend).build()) {
      String key = "report:" + "q".repeat(2000);
      cache.put(key, "long");

      String sortKey = ValueStorage.sortKeyOf(key);
      Map<String, AttributeValue> item = LocalTables.rawItem(table, "cache", sortKey);

      assertThat(sortKey).startsWith("report:qqq").contains("#sha256:").hasSizeLessThan(300);
      assertThat(item.get("full_key").s()).isEqualTo(key);
      assertThat(cache.get(key, String.class)).contains("long");
      assertThat(cache.get(sortKey, String.class)).isEmpty();
    }
  }

  @Test
  void withDynamoDbStoppedGetOrComputeStillReturnsAndDeleteThrows() {
    DynamoDbLocal local = DynamoDbLocal.start();
    try (DynamoDbBackend backend = DynamoDbBackend.builder()
        .endpointOverride(local.endpoint())
        .region(local.region())
        .credentialsProvider(local.credentials())
        .clock(clock)
        .build();
        ValueCache cache = cacheOn(backend).build()) {
      cache.put("k", "stored");
      assertThat(cache.get("k", String.class)).contains("stored");
      local.close();

      String value = cache.getOrCompute("other", String.class, Duration.ofMinutes(1),
          () -> "computed");

      assertThat(value).isEqualTo("computed");
      assertThat(cache.stats().errors()).isEqualTo(2);
      assertThat(cache.stats().computes()).isEqualTo(1);
      assertThat(cache.get("k", String.class)).isEmpty();
      assertThatThrownBy(() -> cache.delete("k")).isInstanceOf(StorageException.class)
          .hasMessageContaining("DeleteItem");
      assertThatThrownBy(cache::clear).isInstanceOf(StorageException.class);
    } finally {
      local.close();
    }
  }
}
