package dev.cachedhttp;

/**
 * A snapshot of a cache's counters since it was built. Immutable.
 *
 * @param hits responses served from the cache without contacting the origin
 * @param misses cacheable requests that found nothing usable stored
 * @param revalidations stored responses confirmed by the origin with 304
 * @param staleServed stale responses served (stale-if-error or stale-while-revalidate)
 * @param writes responses written to the backend (a response with {@code Vary} is written twice:
 *     under its variant key and as the latest response of its URL)
 * @param writesSkipped responses not written: not storable, too large, or the write failed
 * @param backendErrors backend calls that failed (each also counted as a miss or skipped write)
 * @param bypassed requests that did not use the cache at all (skipped, method or setting)
 * @param coalesced requests answered from a concurrent identical request's origin response
 * @param invalidations unsafe requests (POST, PUT, PATCH, DELETE...) that invalidated entries
 * @param backgroundRefreshes stale-while-revalidate refreshes that completed
 * @param backgroundRefreshFailures stale-while-revalidate refreshes that failed (I/O error, 5xx)
 *     or were rejected by a full executor
 * @param writesDropped writes (responses, redirect aliases, deletions) given up without calling
 *     the backend: the background writer's queue was full or the circuit breaker was open
 *     (responses among them are also counted in {@code writesSkipped})
 * @param circuitState the state of the circuit breaker around the backend
 * @param circuitOpened how many times the circuit breaker opened
 * @param shortCircuited backend calls not made because the circuit breaker was open (reads
 *     among them are also counted as misses by the caller's outcome)
 */
public record CacheStats(long hits, long misses, long revalidations, long staleServed,
    long writes, long writesSkipped, long backendErrors, long bypassed, long coalesced,
    long invalidations, long backgroundRefreshes, long backgroundRefreshFailures,
    long writesDropped, CircuitState circuitState, long circuitOpened, long shortCircuited) {

  /** Requests answered from stored data: hits, revalidations, stale and coalesced responses. */
  public long served() {
    return hits + revalidations + staleServed + coalesced;
  }

  /** Share of cacheable lookups answered from stored data; 0 when there were none. */
  public double hitRate() {
    long lookups = served() + misses;
    return lookups == 0 ? 0.0 : (double) served() / lookups;
  }
}
