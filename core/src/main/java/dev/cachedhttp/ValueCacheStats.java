package dev.cachedhttp;

/**
 * A snapshot of a {@link ValueCache}'s counters since it was built. Immutable.
 *
 * @param hits reads that found a live value ({@code get}, {@code has}, and the lookup of {@code
 *     getOrCompute} / {@code memoize})
 * @param misses reads that found nothing usable: absent, expired, unreadable, of a type not
 *     allowed, or failed
 * @param writes values written to the backend
 * @param errors backend calls that failed, values that could not be read back, and async tasks
 *     a full executor rejected (each also counted as a miss or a dropped write where it was one)
 * @param computes runs of a {@code getOrCompute} supplier or a memoized function
 * @param skipped values not written because they were too large for the backend
 */
public record ValueCacheStats(long hits, long misses, long writes, long errors, long computes,
    long skipped) {

  /** Share of reads that were hits; 0 when there were none. */
  public double hitRate() {
    long reads = hits + misses;
    return reads == 0 ? 0.0 : (double) hits / reads;
  }
}
