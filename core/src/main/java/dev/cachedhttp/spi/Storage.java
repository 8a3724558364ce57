package dev.cachedhttp.spi;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One namespace of a {@link Backend}: a map from cache key to a stored value with an optional
 * expiry time.
 *
 * <p>Implementations must be thread-safe. Every method may throw {@link StorageException} (or any
 * other runtime exception) when the underlying store fails; the cache turns such failures into a
 * miss or a skipped write and never lets them reach the caller of an HTTP request.
 *
 * @param <V> the stored value type: {@link CachedResponse} for {@code responses}, {@link String}
 *     (the target key) for {@code redirects}
 */
public interface Storage<V> {

  /**
   * The one test of expiry in the project: true when an entry that expires at {@code expiresAt}
   * ({@code null}: never) has expired at {@code now}, that is when {@code expiresAt} is not after
   * {@code now} (an entry expiring at {@code now} is expired). Backends use it for {@link #get};
   * {@link CachedResponse#isExpired} and {@link StoredValue#isExpired} are this test.
   *
   * @throws NullPointerException when {@code now} is null and {@code expiresAt} is not
   */
  static boolean isExpired(Instant expiresAt, Instant now) {
    return expiresAt != null && !expiresAt.isAfter(now);
  }

  /**
   * Returns the value stored under {@code key}, or empty when there is none or it has passed its
   * expiry time (even if the store has not physically removed it yet).
   */
  Optional<V> get(String key);

  /**
   * Stores {@code value} under {@code key}, replacing any previous value.
   *
   * @param expiresAt when the entry becomes useless and may be deleted by the store; {@code null}
   *     means it never expires
   */
  void put(String key, V value, Instant expiresAt);

  /** Returns true when {@link #get} would return a value for {@code key}. */
  default boolean contains(String key) {
    return get(key).isPresent();
  }

  /** Deletes the entry under {@code key}; returns true when one was present. */
  boolean delete(String key);

  /**
   * Deletes every listed key that is present and returns how many were deleted (backends that
   * cannot tell may return the number of keys requested).
   */
  default int deleteAll(Collection<String> keys) {
    int deleted = 0;
    for (String key : keys) {
      if (delete(key)) {
        deleted++;
      }
    }
    return deleted;
  }

  /**
   * Returns every key in this namespace, including expired entries the store still holds. The
   * stream may fetch lazily (page by page); close it when not fully consumed.
   */
  Stream<String> keys();

  /**
   * Returns every key in this namespace that starts with {@code prefix}, including expired
   * entries the store still holds. The cache calls it to invalidate every stored variant of a URL
   * (all methods, credentials and {@code Vary} variants share a key prefix), so a backend whose
   * keys are ordered should override it with a range read; the default filters {@link #keys()}.
   * Close the stream when not fully consumed.
   */
  default Stream<String> keysWithPrefix(String prefix) {
    java.util.Objects.requireNonNull(prefix, "prefix");
    return keys().filter(key -> key.startsWith(prefix));
  }

  /**
   * Deletes every entry whose key starts with {@code prefix} and returns how many items were
   * deleted (a backend that keeps parts of an entry in items of their own may count those too).
   * The cache calls it to invalidate a URL. The default deletes {@link #keysWithPrefix} with
   * {@link #deleteAll}; a backend that can delete by range in fewer requests should override it.
   */
  default int deleteWithPrefix(String prefix) {
    java.util.List<String> keys;
    try (Stream<String> found = keysWithPrefix(prefix)) {
      keys = found.toList();
    }
    return keys.isEmpty() ? 0 : deleteAll(keys);
  }

  /** Deletes every entry of this namespace. */
  void clear();

  /** Returns the number of entries this namespace holds, including expired ones not yet removed. */
  long count();
}
