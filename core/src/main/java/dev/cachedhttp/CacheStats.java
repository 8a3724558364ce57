package dev.cachedhttp;

/**
 * A snapshot of a cache's counters since it was built. Immutable.
 *
 * @param hits responses served from the cache without contacting the origin
 * @param misses cacheable requests that found nothing usable stored
 * @param revalidations stored responses confirmed by the origin with 304
 * @param staleServed stale responses served (stale-if-error or stale-while-revalidate)
 * @param writes responses written to the backend
 * @param writesSkipped responses not written: not storable, too large, or the write failed
 * @param backendErrors backend calls that failed (each also counted as a miss or skipped write)
 * @param bypassed requests that did not use the cache at all (skipped, method or setting)
 */
public record CacheStats(long hits, long misses, long revalidations, long staleServed,
    long writes, long writesSkipped, long backendErrors, long bypassed) {

  /** Requests answered from stored data: hits, revalidations and stale responses. */
  public long served() {
    return hits + revalidations + staleServed;
  }

  /** Share of cacheable lookups answered from stored data; 0 when there were none. */
  public double hitRate() {
    long lookups = served() + misses;
    return lookups == 0 ? 0.0 : (double) served() / lookups;
  }
}
