package dev.cachedhttp.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cachedhttp.ValueCache;
import dev.cachedhttp.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Value-cache entries read the way a user reads them: {@code aws dynamodb query} by namespace
 * (or, without the CLI, the SDK's raw query in the same JSON shape) shows the user's key, the
 * value's fields as DynamoDB attributes, {@code created_at}, {@code expires} and {@code ttl}.
 */
class ValueReadabilityTest {
  private final MutableClock clock = MutableClock.create();

  private static void assumeAvailable(UserQuery reader) {
    if (reader == UserQuery.AWS_CLI) {
      assumeTrue(UserQuery.awsCliInstalled(), "the aws CLI is not installed "
          + "(backend-dynamodb/install-aws-cli.sh installs it); the SDK variant still runs");
    }
  }

  @ParameterizedTest
  @EnumSource(UserQuery.class)
  void aPutMapIsAReadableItemWithATtl(UserQuery reader) throws Exception {
    assumeAvailable(reader);
    String table = LocalTables.tableWithoutTtlDeletion("values_readable");
    try (DynamoDbBackend backend = LocalTables.backend(table, clock).build();
        ValueCache cache = ValueCache.builder().backend(backend).clock(clock)
            .defaultExpiration(Duration.ofMinutes(5)).build()) {
      cache.put("mykey", Map.of("foo", "bar"));
      cache.put("greeting", "hello", Duration.ofSeconds(30));

      JsonNode items = reader.query(table, "cache", null).get("Items");

      assertThat(items).hasSize(2);
      JsonNode item = byKey(items, "mykey");
      assertThat(item.at("/value/M/foo/S").asText()).isEqualTo("bar");
      assertThat(item.at("/value_encoding/S").asText()).isEqualTo("json");
      assertThat(item.at("/created_at/S").asText()).isEqualTo("2026-01-01T00:00:00Z");
      assertThat(item.at("/expires/S").asText()).isEqualTo("2026-01-01T00:05:00Z");
      assertThat(item.at("/ttl/N").asLong())
          .isEqualTo(clock.instant().plus(Duration.ofMinutes(5)).getEpochSecond());
      assertThat(item.has("value_type")).isFalse();
      assertThat(byKey(items, "greeting").at("/value/S").asText()).isEqualTo("hello");
      System.out.println("What `aws dynamodb query` shows for the value namespace (" + reader
          + "):\n" + reader.run(table, "cache", null));
    }
  }

  @ParameterizedTest
  @EnumSource(UserQuery.class)
  void aCacheNamePrefixesTheNamespaceAndTtlOffLeavesNoTtl(UserQuery reader) throws Exception {
    assumeAvailable(reader);
    String table = LocalTables.tableWithoutTtlDeletion("values_named");
    try (DynamoDbBackend backend = LocalTables.backend(table, clock).cacheName("app").ttl(false)
        .build();
        ValueCache cache = ValueCache.builder().backend(backend).clock(clock)
            .namespace("reports").build()) {
      cache.put("r1", List.of(1, 2, 3), Duration.ofMinutes(1));

      JsonNode item = byKey(reader.query(table, "app:reports", null).get("Items"), "r1");

      assertThat(item.at("/value/L/2/N").asText()).isEqualTo("3");
      assertThat(item.has("ttl")).isFalse();
      assertThat(item.at("/expires/S").asText()).isEqualTo("2026-01-01T00:01:00Z");
    }
  }

  private static JsonNode byKey(JsonNode items, String key) {
    for (JsonNode item : items) {
      if (item.at("/key/S").asText().equals(key)) {
        return item;
      }
    }
    throw new AssertionError("no item with key " + key + " in " + items);
  }
}
