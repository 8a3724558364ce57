package dev.cachedhttp.memory;

import dev.cachedhttp.spi.Leases;
import dev.cachedhttp.spi.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Leases of a memory backend, for several caches of one process sharing it. Expired leases are
 * replaced on the next {@link #acquire} and removed on release; at most one lease per key is
 * held, so memory stays bounded by the keys in flight. Thread-safe.
 */
final class MemoryLeases implements Leases {
  private record Lease(String owner, Instant expiresAt) {}

  private final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();
  private final Clock clock;

  /** Creates the leases, expiring on {@code clock}. */
  public MemoryLeases(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Optional<Instant> acquire(String key, String owner, Instant expiresAt) {
    Lease mine = new Lease(owner, expiresAt);
    Lease held = leases.compute(key, (k, current) ->
        current == null || current.owner().equals(owner) || expired(current) ? mine : current);
    return held == mine ? Optional.empty() : Optional.of(held.expiresAt());
  }

  @Override
  public Optional<Instant> holder(String key) {
    Lease held = leases.get(key);
    return held == null || expired(held) ? Optional.empty() : Optional.of(held.expiresAt());
  }

  @Override
  public void release(String key, String owner) {
    leases.computeIfPresent(key, (k, held) -> held.owner().equals(owner) ? null : held);
  }

  private boolean expired(Lease lease) {
    return Storage.isExpired(lease.expiresAt(), clock.instant());
  }
}
