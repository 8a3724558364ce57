package dev.cachedhttp.dynamodb.internal;

import static dev.cachedhttp.dynamodb.internal.TableLayout.PARTITION_KEY;
import static dev.cachedhttp.dynamodb.internal.TableLayout.SORT_KEY;
import static dev.cachedhttp.dynamodb.internal.TableLayout.TTL_ATTRIBUTE;

import dev.cachedhttp.spi.Leases;
import dev.cachedhttp.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Leases in the cache table, in a partition of their own ({@code leases}, {@code NAME:leases}
 * with a cache name): one item per key being fetched, with {@code owner}, {@code expires_at}
 * (readable) and {@code expires_at_ms} (compared), and a {@code ttl} a minute after it so
 * DynamoDB deletes leases whose release was lost. Taking a lease is one conditional {@code
 * PutItem} (it succeeds when no lease is held or the held one has expired, by the clock of the
 * instance asking); reading one a strongly consistent {@code GetItem}; releasing one a {@code
 * DeleteItem} conditional on the owner. Taking and reading run on the caller's path, so both have
 * the read budget (a sick table costs a miss its read timeout, then the caller fetches); the
 * release runs on the background writer with the write budget. Thread-safe.
 */
public final class DynamoLeases implements Leases {
  private static final String OWNER = "owner";
  private static final String EXPIRES_AT = "expires_at";
  private static final String EXPIRES_AT_MS = "expires_at_ms";
  private static final Duration TTL_MARGIN = Duration.ofMinutes(1);

  private final Calls calls;
  private final String partition;
  private final Clock clock;

  /** Creates the leases of the cache named {@code cacheName} (null for none). */
  public DynamoLeases(Calls calls, String cacheName, Clock clock) {
    this.calls = calls;
    this.partition = new Partitions("leases", cacheName, 1).partitionOf("");
    this.clock = clock;
  }

  @Override
  public Optional<Instant> acquire(String key, String owner, Instant expiresAt) {
    Map<String, AttributeValue> item = Map.of(
        PARTITION_KEY, AttributeValue.fromS(partition),
        SORT_KEY, AttributeValue.fromS(key),
        OWNER, AttributeValue.fromS(owner),
        EXPIRES_AT, AttributeValue.fromS(expiresAt.toString()),
        EXPIRES_AT_MS, AttributeValue.fromN(Long.toString(expiresAt.toEpochMilli())),
        TTL_ATTRIBUTE, AttributeValue.fromN(Long.toString(
            expiresAt.plus(TTL_MARGIN).getEpochSecond())));
    try {
      calls.run("lease PutItem", () -> calls.client().putItem(r -> r
          .tableName(calls.table())
          .item(item)
          .conditionExpression("attribute_not_exists(#k) OR #e < :now OR #o = :me")
          .expressionAttributeNames(Map.of("#k", SORT_KEY, "#e", EXPIRES_AT_MS, "#o", OWNER))
          .expressionAttributeValues(Map.of(
              ":now", AttributeValue.fromN(Long.toString(clock.millis())),
              ":me", AttributeValue.fromS(owner)))
          .overrideConfiguration(calls.read())));
      return Optional.empty();
    } catch (RuntimeException failed) {
      if (!(failed.getCause() instanceof ConditionalCheckFailedException)
          && !(failed instanceof ConditionalCheckFailedException)) {
        throw failed;
      }
      return Optional.of(holder(key).orElse(clock.instant()));
    }
  }

  @Override
  public Optional<Instant> holder(String key) {
    GetItemResponse found = calls.run("lease GetItem", () -> calls.client().getItem(r -> r
        .tableName(calls.table())
        .key(Map.of(PARTITION_KEY, AttributeValue.fromS(partition),
            SORT_KEY, AttributeValue.fromS(key)))
        .consistentRead(true)
        .projectionExpression("#e")
        .expressionAttributeNames(Map.of("#e", EXPIRES_AT_MS))
        .overrideConfiguration(calls.read())));
    AttributeValue expires = found.hasItem() ? found.item().get(EXPIRES_AT_MS) : null;
    if (expires == null || expires.n() == null) {
      return Optional.empty();
    }
    try {
      Instant until = Instant.ofEpochMilli(Long.parseLong(expires.n()));
      return Storage.isExpired(until, clock.instant()) ? Optional.empty() : Optional.of(until);
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
  }

  @Override
  public void release(String key, String owner) {
    try {
      calls.run("lease DeleteItem", () -> calls.client().deleteItem(r -> r
          .tableName(calls.table())
          .key(Map.of(PARTITION_KEY, AttributeValue.fromS(partition),
              SORT_KEY, AttributeValue.fromS(key)))
          .conditionExpression("#o = :me")
          .expressionAttributeNames(Map.of("#o", OWNER))
          .expressionAttributeValues(Map.of(":me", AttributeValue.fromS(owner)))
          .overrideConfiguration(calls.write())));
    } catch (RuntimeException failed) {
      if (!(failed.getCause() instanceof ConditionalCheckFailedException)) {
        throw failed;
      }
      // another owner holds it now (ours expired): leave theirs alone
    }
  }
}
