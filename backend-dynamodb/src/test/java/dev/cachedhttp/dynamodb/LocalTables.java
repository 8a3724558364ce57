package dev.cachedhttp.dynamodb;

import dev.cachedhttp.CachedClient;
import dev.cachedhttp.WriteMode;
import dev.cachedhttp.dynamodb.internal.TableLayout;
import dev.cachedhttp.testkit.dynamodb.DynamoDbLocal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Test helpers around the JVM-wide DynamoDB Local: unique tables, backends, raw items. */
final class LocalTables {
  /**
   * The read timeout of backends in tests that are not about timeouts: DynamoDB Local shares a
   * loaded machine with the build and answers its first calls slowly (cold JIT), which the
   * production budget of {@link DynamoDbBackend#DEFAULT_READ_TIMEOUT} would turn into misses at
   * random. {@code FailOpenTest} checks the default budget itself.
   */
  static final Duration TEST_READ_TIMEOUT = Duration.ofSeconds(2);

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private LocalTables() {}

  static DynamoDbLocal local() {
    return DynamoDbLocal.shared();
  }

  /** A table name no other test uses. */
  static String uniqueTable(String prefix) {
    return String.format(Locale.ROOT, "%s_%03d", prefix, COUNTER.incrementAndGet());
  }

  /**
   * Creates a table with the cache's layout but with TTL deletion left off, and returns its name.
   * Tests use it with a fake clock that starts in the past: DynamoDB Local deletes items whose
   * {@code ttl} has passed in real time (in the background, at a moment tests cannot control), so
   * on a TTL-enabled table such items could vanish mid-test. Items still carry the attribute.
   */
  static String tableWithoutTtlDeletion(String prefix) {
    String table = uniqueTable(prefix);
    local().client().createTable(TableLayout.createTableRequest(table));
    return table;
  }

  /**
   * A builder pointed at DynamoDB Local through endpoint, region and credentials, for a table
   * made by {@link #tableWithoutTtlDeletion} (so {@code createTable(false)}); otherwise defaults.
   */
  static DynamoDbBackend.Builder backend(String table, Clock clock) {
    DynamoDbLocal local = local();
    return DynamoDbBackend.builder()
        .tableName(table)
        .endpointOverride(local.endpoint())
        .region(local.region())
        .credentialsProvider(local.credentials())
        .createTable(false)
        .readTimeout(TEST_READ_TIMEOUT)
        .readAttemptTimeout(TEST_READ_TIMEOUT)
        .clock(clock);
  }

  /** The raw item stored under {@code key} in partition {@code partition}, or an empty map. */
  static Map<String, AttributeValue> rawItem(String table, String partition, String key) {
    return local().client().getItem(r -> r.tableName(table)
        .key(TableLayout.primaryKey(partition, key)).consistentRead(true)).item();
  }

  /** The only item of the {@code responses} namespace of {@code table}; fails otherwise. */
  static Map<String, AttributeValue> onlyResponseItem(String table) {
    return onlyResponseItemWithout(table, null);
  }

  /** The one item of the {@code responses} partition that has no attribute {@code skipped}. */
  static Map<String, AttributeValue> onlyResponseItemWithout(String table, String skipped) {
    List<Map<String, AttributeValue>> items = local().client().scanPaginator(r -> r
        .tableName(table).consistentRead(true)).items().stream()
        .filter(item -> item.get(TableLayout.PARTITION_KEY).s().equals("responses"))
        .filter(item -> skipped == null || !item.containsKey(skipped)).toList();
    if (items.size() != 1) {
      throw new AssertionError("expected one response item in " + table + " but found "
          + items.size());
    }
    return items.get(0);
  }

  /**
   * A cache honouring {@code Cache-Control} on a default backend for {@code table}, writing on
   * the caller's thread so that a test can read the item as soon as the call returns.
   */
  static CachedClient cachedClient(String table, Clock clock) {
    return CachedClient.builder()
        .backend(backend(table, clock).build())
        .cacheControl(true)
        .writeMode(WriteMode.SYNC)
        .clock(clock)
        .build();
  }
}
