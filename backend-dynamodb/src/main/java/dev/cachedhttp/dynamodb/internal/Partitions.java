package dev.cachedhttp.dynamodb.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Names the partition-key values of one namespace: {@code responses}, prefixed {@code NAME:} when
 * a cache name is set and suffixed {@code #NN} when the namespace is spread over more than one
 * shard. The shard of a key is derived from the key alone, so a get or a put is one request.
 * Immutable.
 */
public final class Partitions {
  /** The most shards a namespace may be spread over (two-digit suffix). */
  public static final int MAX_SHARDS = 100;

  /** The longest cache name accepted. */
  public static final int MAX_CACHE_NAME_LENGTH = 64;

  private static final Pattern CACHE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  private final String namespace;
  private final String prefix;
  private final int shards;

  /**
   * Creates the partitions of {@code namespace}.
   *
   * @param cacheName the cache name, or {@code null} for none
   * @param shards how many shards, 1 to {@value #MAX_SHARDS}
   */
  public Partitions(String namespace, String cacheName, int shards) {
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    if (cacheName != null) {
      checkCacheName(cacheName);
    }
    checkShards(shards);
    this.prefix = cacheName == null ? namespace : cacheName + ":" + namespace;
    this.shards = shards;
  }

  /**
   * Checks that {@code cacheName} is 1 to {@value #MAX_CACHE_NAME_LENGTH} letters, digits,
   * {@code _}, {@code .} or {@code -}.
   *
   * @throws IllegalArgumentException naming the bad value
   */
  public static void checkCacheName(String cacheName) {
    Objects.requireNonNull(cacheName, "cacheName");
    if (cacheName.length() > MAX_CACHE_NAME_LENGTH || !CACHE_NAME.matcher(cacheName).matches()) {
      throw new IllegalArgumentException("cacheName must be 1 to " + MAX_CACHE_NAME_LENGTH
          + " letters, digits, '_', '.' or '-' but was \"" + cacheName + "\"");
    }
  }

  /**
   * Checks that {@code shards} is between 1 and {@value #MAX_SHARDS}.
   *
   * @throws IllegalArgumentException naming the bad value
   */
  public static void checkShards(int shards) {
    if (shards < 1 || shards > MAX_SHARDS) {
      throw new IllegalArgumentException("partitionShards must be between 1 and " + MAX_SHARDS
          + " but was " + shards);
    }
  }

  /** The namespace these partitions belong to, e.g. {@code responses}. */
  public String namespace() {
    return namespace;
  }

  /** The partition-key value that holds {@code key}. */
  public String partitionOf(String key) {
    if (shards == 1) {
      return prefix;
    }
    return shardName(Math.floorMod(key.hashCode(), shards));
  }

  /** Every partition-key value of this namespace, in shard order. */
  public List<String> all() {
    if (shards == 1) {
      return List.of(prefix);
    }
    List<String> names = new ArrayList<>(shards);
    for (int shard = 0; shard < shards; shard++) {
      names.add(shardName(shard));
    }
    return names;
  }

  private String shardName(int shard) {
    return prefix + String.format(Locale.ROOT, "#%02d", shard);
  }

  @Override
  public String toString() {
    return shards == 1 ? prefix : prefix + "#00.." + shardName(shards - 1).substring(prefix.length());
  }
}
