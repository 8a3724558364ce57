package dev.cachedhttp;

/** The state of a cache's circuit breaker around its backend, as shown in {@link CacheStats}. */
public enum CircuitState {
  /** The backend is called normally; outcomes are recorded in the sliding window. */
  CLOSED,
  /** The backend is not called: reads are misses and writes are dropped until the cool-down ends. */
  OPEN,
  /** The cool-down has ended: a few probe calls go to the backend, the rest are short-circuited. */
  HALF_OPEN,
  /** The breaker is turned off ({@link CircuitBreakerConfig#disabled()}): every call goes through. */
  DISABLED
}
