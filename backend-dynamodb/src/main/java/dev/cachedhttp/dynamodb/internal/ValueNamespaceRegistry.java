package dev.cachedhttp.dynamodb.internal;

import dev.cachedhttp.spi.Storage;
import dev.cachedhttp.spi.StoredValue;
import dev.cachedhttp.spi.ValueNamespaces;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes (once per name) the value namespaces of one DynamoDB backend: partition {@code name}, or
 * {@code CACHE:name} with a cache name, never sharded, so {@code namespace = :n} finds them all.
 * Thread-safe.
 */
public final class ValueNamespaceRegistry {
  private final Calls calls;
  private final String cacheName;
  private final Clock clock;
  private final boolean ttl;
  private final boolean consistentReads;
  private final ValueItemCodec codec = new ValueItemCodec();
  private final Map<String, Storage<StoredValue>> namespaces = new ConcurrentHashMap<>();

  /**
   * Creates the registry.
   *
   * @param calls runs the requests
   * @param cacheName the backend's cache name, or {@code null}
   * @param clock read to decide whether an item has expired
   * @param ttl whether items get the TTL attribute
   * @param consistentReads whether reads are strongly consistent
   */
  public ValueNamespaceRegistry(Calls calls, String cacheName, Clock clock, boolean ttl,
      boolean consistentReads) {
    this.calls = calls;
    this.cacheName = cacheName;
    this.clock = clock;
    this.ttl = ttl;
    this.consistentReads = consistentReads;
  }

  /**
   * The storage of {@code namespace}.
   *
   * @throws IllegalArgumentException when the name is not a valid value namespace
   */
  public Storage<StoredValue> namespace(String namespace) {
    ValueNamespaces.check(namespace);
    return namespaces.computeIfAbsent(namespace, name -> new ValueStorage(new DynamoStorage<>(
        calls, new Partitions(name, cacheName, 1), codec, clock, ttl, consistentReads)));
  }
}
