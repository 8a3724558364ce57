package dev.cachedhttp.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * Short leases in a shared backend, so that of several instances missing the same key at once
 * only one asks the origin (see {@code CachedClient.Builder.coalesceAcrossInstances}). A lease is
 * a marker under the cache key with its owner and an expiry; it never holds a response.
 *
 * <p>Implementations must be thread-safe, bounded in time like every backend call, and atomic: of
 * concurrent {@link #acquire} calls for one key, at most one succeeds while the lease is held.
 */
public interface Leases {

  /**
   * Takes the lease on {@code key} for {@code owner} until {@code expiresAt}, unless another
   * owner holds an unexpired one.
   *
   * @return empty when the lease was taken; otherwise when the holder's lease expires
   */
  Optional<Instant> acquire(String key, String owner, Instant expiresAt);

  /** When the lease on {@code key} expires, or empty when none is held (or it has expired). */
  Optional<Instant> holder(String key);

  /** Gives up {@code owner}'s lease on {@code key}; another owner's lease is left alone. */
  void release(String key, String owner);
}
