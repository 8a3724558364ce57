package dev.cachedhttp.memory;

import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.Storage;
import dev.cachedhttp.spi.StoredValue;
import java.time.Instant;

/**
 * A stored value with its expiry time; {@code expiresAt} is null for entries that never expire.
 *
 * @param value the immutable stored value
 * @param expiresAt when the entry expires, or null
 */
record Entry(Object value, Instant expiresAt) {

  /** Returns true when the entry has expired at {@code now}. */
  public boolean isExpired(Instant now) {
    return Storage.isExpired(expiresAt, now);
  }

  /** Approximate size in bytes. */
  public long weight() {
    if (value instanceof CachedResponse response) {
      return response.approximateSize();
    }
    if (value instanceof StoredValue stored) {
      return stored.approximateSize();
    }
    return 64L + 2L * String.valueOf(value).length();
  }

  /**
   * A key within one namespace.
   *
   * @param namespace the namespace name
   * @param key the cache key
   */
  public record Key(String namespace, String key) {}
}
