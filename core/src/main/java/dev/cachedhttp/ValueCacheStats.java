package dev.cachedhttp;

/**
 * A snapshot of a {@link ValueCache}'s counters since it was built. Immutable.
 *
 * @param hits reads that found a live value ({@code get}, {@code has}, and the lookup of {@code
 *     getOrCompute} / {@code memoize})
 * @param misses reads that found nothing usable: absent, expired, unreadable, of a type not
 *     allowed, failed, or not made because the circuit breaker was open
 * @param writes values written to the backend
 * @param errors backend calls that failed, values that could not be read back, and async tasks
 *     a full executor rejected (each also counted as a miss or a dropped write where it was one)
 * @param computes runs of a {@code getOrCompute} supplier or a memoized function
 * @param skipped values not written because they were too large for the backend
 * @param circuitState the state of the circuit breaker around the backend ({@link
 *     ValueCache.Builder#circuitBreaker})
 * @param circuitOpened how many times the circuit breaker opened
 * @param shortCircuited backend calls not made because the circuit breaker was open (reads among
 *     them are also counted as misses; writes among them are neither writes nor errors)
 */
public record ValueCacheStats(long hits, long misses, long writes, long errors, long computes,
    long skipped, CircuitState circuitState, long circuitOpened, long shortCircuited) {

  /**
   * The counters of a cache without a circuit breaker: {@link CircuitState#DISABLED}, nothing
   * opened or short-circuited.
   */
  public ValueCacheStats(long hits, long misses, long writes, long errors, long computes,
      long skipped) {
    this(hits, misses, writes, errors, computes, skipped, CircuitState.DISABLED, 0, 0);
  }

  /** Share of reads that were hits; 0 when there were none. */
  public double hitRate() {
    long reads = hits + misses;
    return reads == 0 ? 0.0 : (double) hits / reads;
  }
}
