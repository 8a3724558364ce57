package dev.cachedhttp.dynamodb.internal;

import static dev.cachedhttp.dynamodb.internal.TableLayout.PARTITION_KEY;
import static dev.cachedhttp.dynamodb.internal.TableLayout.SORT_KEY;

import dev.cachedhttp.spi.Storage;
import dev.cachedhttp.spi.StorageException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * One namespace of the DynamoDB backend. Each get, put and delete is one request to the item's
 * partition (plus the chunk items of a body too large for one item, in a namespace with {@link
 * ChunkedBodies}: a get then adds one {@code BatchGetItem}, a put one {@code BatchWriteItem} per
 * 25 chunks, and a put or delete that replaces a chunked item one to delete its chunks); {@link
 * #keys()}, {@link #count()} and {@link #clear()} page through a Query of every
 * partition of the namespace (never a Scan; the first two skip chunk items); deletes of many
 * keys go through {@link
 * BatchWrites}. Thread-safe.
 *
 * @param <V> the value type
 */
public final class DynamoStorage<V> implements Storage<V> {
  private static final String KEY_CONDITION = "#p = :p";
  private static final Map<String, String> KEY_NAMES = Map.of("#p", PARTITION_KEY, "#k", SORT_KEY);

  private final Calls calls;
  private final Partitions partitions;
  private final ItemCodec<V> codec;
  private final Clock clock;
  private final boolean ttl;
  private final boolean consistentReads;
  private final ChunkedBodies chunks;

  /**
   * Creates the storage of one namespace.
   *
   * @param calls runs the requests
   * @param partitions the partition-key values of this namespace
   * @param codec encodes values as items
   * @param clock read to decide whether an item has expired
   * @param ttl whether to write the TTL attribute
   * @param consistentReads whether single-item reads are strongly consistent
   */
  public DynamoStorage(Calls calls, Partitions partitions, ItemCodec<V> codec, Clock clock,
      boolean ttl, boolean consistentReads) {
    this(calls, partitions, codec, clock, ttl, consistentReads, null);
  }

  /**
   * Creates the storage of one namespace whose values too large for one item are split over
   * chunk items by {@code chunks} (null: they are refused with {@link ItemTooLargeException}).
   */
  public DynamoStorage(Calls calls, Partitions partitions, ItemCodec<V> codec, Clock clock,
      boolean ttl, boolean consistentReads, ChunkedBodies chunks) {
    this.chunks = chunks;
    this.calls = calls;
    this.partitions = partitions;
    this.codec = codec;
    this.clock = clock;
    this.ttl = ttl;
    this.consistentReads = consistentReads;
  }

  /** The partitions of this namespace. */
  public Partitions partitions() {
    return partitions;
  }

  /** The primary key of the item that holds {@code key}. */
  public Map<String, AttributeValue> primaryKey(String key) {
    Objects.requireNonNull(key, "key");
    return TableLayout.primaryKey(partitions.partitionOf(key), key);
  }

  /** Whether reads of this namespace are strongly consistent. */
  public boolean consistentReads() {
    return consistentReads;
  }

  @Override
  public Optional<V> get(String key) {
    return get(key, calls.read());
  }

  /**
   * Reads the live value stored under {@code key} with the given timeouts.
   *
   * @throws StorageException when DynamoDB fails or the item cannot be read
   */
  public Optional<V> get(String key, AwsRequestOverrideConfiguration timeouts) {
    Map<String, AttributeValue> primaryKey = primaryKey(key);
    Map<String, AttributeValue> item = calls.run("GetItem", () -> calls.client().getItem(r -> r
        .tableName(calls.table())
        .key(primaryKey)
        .consistentRead(consistentReads)
        .overrideConfiguration(timeouts)).item());
    return item == null || item.isEmpty() ? Optional.empty() : readLive(item);
  }

  /**
   * Decodes {@code item}, or returns empty when it has passed its expiry time.
   *
   * @throws StorageException when the item cannot be read
   */
  public Optional<V> readLive(Map<String, AttributeValue> item) {
    if (Expiry.isExpired(item, clock.instant())) {
      return Optional.empty();
    }
    try {
      return Optional.of(codec.decode(chunks != null && ChunkedBodies.isChunked(item)
          ? chunks.assemble(item) : item));
    } catch (StorageException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StorageException("unreadable item in DynamoDB table '" + calls.table() + "' ("
          + partitions.namespace() + "): " + e.getMessage(), e);
    }
  }

  @Override
  public void put(String key, V value, Instant expiresAt) {
    Objects.requireNonNull(value, "value");
    Map<String, AttributeValue> envelope = new LinkedHashMap<>(primaryKey(key));
    envelope.putAll(Expiry.attributes(expiresAt, ttl));
    Map<String, AttributeValue> item;
    try {
      item = codec.encode(value, envelope);
    } catch (ItemTooLargeException e) {
      if (chunks == null) {
        throw calls.oversize(e);
      }
      putChunked(key, value, envelope, e);
      return;
    }
    putItem(item);
  }

  /**
   * Writes the chunks, then the head (the old head's chunks are deleted after); a failure
   * before the head is written deletes the new chunks again, as far as it can.
   */
  private void putChunked(String key, V value, Map<String, AttributeValue> envelope,
      ItemTooLargeException tooLarge) {
    Map<String, AttributeValue> whole = codec.encodeSplittable(value, envelope)
        .orElseThrow(() -> calls.oversize(tooLarge));
    ChunkedBodies.Split split;
    try {
      split = chunks.split(key, whole);
    } catch (ItemTooLargeException e) {
      throw calls.oversize(e);
    }
    chunks.writeChunks(split);
    try {
      putItem(split.head());
    } catch (RuntimeException e) {
      try {
        chunks.deleteChunks(split.head());
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** Puts {@code item}; in a chunked namespace, then deletes the chunks of the item it replaced. */
  private void putItem(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> old = calls.run("PutItem", () -> calls.client().putItem(r -> r
        .tableName(calls.table())
        .item(item)
        .returnValues(chunks == null ? ReturnValue.NONE : ReturnValue.ALL_OLD)
        .overrideConfiguration(calls.write())).attributes());
    deleteChunksOf(old);
  }

  private void deleteChunksOf(Map<String, AttributeValue> oldHead) {
    if (chunks != null && oldHead != null && ChunkedBodies.isChunked(oldHead)) {
      chunks.deleteChunks(oldHead);
    }
  }

  @Override
  public boolean delete(String key) {
    Map<String, AttributeValue> primaryKey = primaryKey(key);
    Map<String, AttributeValue> old = calls.run("DeleteItem", () -> {
      try {
        return calls.client().deleteItem(r -> r
            .tableName(calls.table())
            .key(primaryKey)
            .conditionExpression("attribute_exists(#k)")
            .expressionAttributeNames(Map.of("#k", SORT_KEY))
            .returnValues(chunks == null ? ReturnValue.NONE : ReturnValue.ALL_OLD)
            .overrideConfiguration(calls.write())).attributes();
      } catch (ConditionalCheckFailedException e) {
        return null;
      }
    });
    deleteChunksOf(old);
    return old != null;
  }

  /**
   * Deletes in batches of 25; returns the number of distinct keys requested. In a chunked
   * namespace the heads are read first ({@code BatchGetItem}s of 100, keys and chunk names only)
   * so that their chunks are deleted with them.
   */
  @Override
  public int deleteAll(Collection<String> keys) {
    List<Map<String, AttributeValue>> primaryKeys = keys.stream().distinct()
        .map(this::primaryKey).toList();
    List<Map<String, AttributeValue>> chunkKeys = chunks == null ? List.of()
        : chunks.chunkKeysOfHeads(primaryKeys);
    return new BatchWrites(calls).delete(Stream.concat(primaryKeys.stream(), chunkKeys.stream()))
        - chunkKeys.size();
  }

  @Override
  public Stream<String> keys() {
    return partitions.all().stream().flatMap(this::keysOf);
  }

  private Stream<String> keysOf(String partition) {
    QueryRequest request = query(partition).projectionExpression("#p, #k")
        .filterExpression(ChunkedBodies.ENTRIES_ONLY).build();
    return calls.stream("Query", () -> calls.client().queryPaginator(request).items().iterator())
        .map(item -> item.get(SORT_KEY).s());
  }

  /** The primary keys of every item in {@code partition}, fetched page by page. */
  private Stream<Map<String, AttributeValue>> primaryKeysOf(String partition) {
    QueryRequest request = query(partition).projectionExpression("#p, #k").build();
    return calls.stream("Query",
        () -> calls.client().queryPaginator(request).items().iterator());
  }

  /**
   * One Query per partition with {@code begins_with} on the sort key (one request with the
   * default single shard), reading keys only.
   */
  @Override
  public Stream<String> keysWithPrefix(String prefix) {
    java.util.Objects.requireNonNull(prefix, "prefix");
    return partitions.all().stream().flatMap(partition -> {
      QueryRequest request = QueryRequest.builder()
          .tableName(calls.table())
          .keyConditionExpression("#p = :p AND begins_with(#k, :k)")
          .filterExpression(ChunkedBodies.ENTRIES_ONLY)
          .expressionAttributeNames(KEY_NAMES)
          .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(partition),
              ":k", AttributeValue.fromS(prefix)))
          .projectionExpression("#p, #k")
          .overrideConfiguration(calls.write())
          .build();
      return calls.stream("Query",
          () -> calls.client().queryPaginator(request).items().iterator())
          .map(item -> item.get(SORT_KEY).s());
    });
  }

  /**
   * One Query per partition with {@code begins_with} on the sort key and no filter, so the chunk
   * items of chunked entries (whose sort keys start with their entry's key) are found with them,
   * then one {@code BatchWriteItem} per 25 items: two requests for a URL with a few entries.
   */
  @Override
  public int deleteWithPrefix(String prefix) {
    java.util.Objects.requireNonNull(prefix, "prefix");
    int deleted = 0;
    for (String partition : partitions.all()) {
      QueryRequest request = QueryRequest.builder()
          .tableName(calls.table())
          .keyConditionExpression("#p = :p AND begins_with(#k, :k)")
          .expressionAttributeNames(KEY_NAMES)
          .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(partition),
              ":k", AttributeValue.fromS(prefix)))
          .projectionExpression("#p, #k")
          .overrideConfiguration(calls.write())
          .build();
      try (Stream<Map<String, AttributeValue>> items = calls.stream("Query",
          () -> calls.client().queryPaginator(request).items().iterator())) {
        deleted += new BatchWrites(calls).delete(items);
      }
    }
    return deleted;
  }

  @Override
  public void clear() {
    for (String partition : partitions.all()) {
      try (Stream<Map<String, AttributeValue>> keys = primaryKeysOf(partition)) {
        new BatchWrites(calls).delete(keys);
      }
    }
  }

  @Override
  public long count() {
    long count = 0;
    for (String partition : partitions.all()) {
      QueryRequest request = query(partition).select(Select.COUNT)
          .filterExpression(ChunkedBodies.ENTRIES_ONLY)
          .expressionAttributeNames(Map.of("#p", PARTITION_KEY)).build();
      count += calls.run("Query", () -> calls.client().queryPaginator(request).stream()
          .mapToLong(page -> page.count()).sum());
    }
    return count;
  }

  private QueryRequest.Builder query(String partition) {
    return QueryRequest.builder()
        .tableName(calls.table())
        .keyConditionExpression(KEY_CONDITION)
        .expressionAttributeNames(KEY_NAMES)
        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(partition)))
        .overrideConfiguration(calls.admin());
  }

  @Override
  public String toString() {
    return "DynamoStorage{" + calls.table() + ", " + partitions + "}";
  }
}
