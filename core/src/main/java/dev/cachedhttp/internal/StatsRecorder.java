package dev.cachedhttp.internal;

import dev.cachedhttp.CacheStats;
import dev.cachedhttp.CircuitState;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counters behind {@link CacheStats}; contention-free on the hit path. */
public final class StatsRecorder {
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder revalidations = new LongAdder();
  private final LongAdder staleServed = new LongAdder();
  private final LongAdder writes = new LongAdder();
  private final LongAdder writesSkipped = new LongAdder();
  private final LongAdder backendErrors = new LongAdder();
  private final LongAdder bypassed = new LongAdder();
  private final LongAdder coalesced = new LongAdder();
  private final LongAdder invalidations = new LongAdder();
  private final LongAdder refreshes = new LongAdder();
  private final LongAdder refreshFailures = new LongAdder();
  private final LongAdder writesDropped = new LongAdder();
  private final LongAdder shortCircuited = new LongAdder();
  private final LongAdder circuitOpened = new LongAdder();
  private volatile CircuitState circuitState = CircuitState.DISABLED;

  /**
   * Counts the outcome of one call, named by where its response came from: the one place call
   * outcomes are counted.
   */
  public void record(dev.cachedhttp.CacheInfo.Source source) {
    switch (source) {
      case CACHE -> hit();
      case NETWORK, UNSATISFIABLE -> miss();
      case REVALIDATED -> revalidation();
      case STALE_IF_ERROR, STALE_WHILE_REVALIDATE -> staleServed();
      case COALESCED -> coalesced();
      case BYPASS -> bypassed();
      default -> throw new IllegalArgumentException("unknown source " + source);
    }
  }

  /** Counts a fresh hit. */
  public void hit() {
    hits.increment();
  }

  /** Counts a miss. */
  public void miss() {
    misses.increment();
  }

  /** Counts a 304 revalidation. */
  public void revalidation() {
    revalidations.increment();
  }

  /** Counts a stale response served. */
  public void staleServed() {
    staleServed.increment();
  }

  /** Counts a write. */
  public void write() {
    writes.increment();
  }

  /** Counts a skipped write. */
  public void writeSkipped() {
    writesSkipped.increment();
  }

  /** Counts a failed backend call. */
  public void backendError() {
    backendErrors.increment();
  }

  /** Counts a request that bypassed the cache. */
  public void bypassed() {
    bypassed.increment();
  }

  /** Counts a request answered from another request's origin response. */
  public void coalesced() {
    coalesced.increment();
  }

  /** Counts an unsafe request that invalidated stored entries. */
  public void invalidation() {
    invalidations.increment();
  }

  /** Counts a completed background refresh. */
  public void refreshed() {
    refreshes.increment();
  }

  /** Counts a failed or rejected background refresh. */
  public void refreshFailed() {
    refreshFailures.increment();
  }

  /** Counts a write dropped without calling the backend: full queue or open circuit. */
  public void writeDropped() {
    writesDropped.increment();
  }

  /** Counts a backend call the open circuit breaker did not make. */
  public void shortCircuited() {
    shortCircuited.increment();
  }

  /** Counts an opening of the circuit breaker. */
  public void circuitOpened() {
    circuitOpened.increment();
  }

  /** Records the circuit breaker's new state. */
  public void circuitState(CircuitState state) {
    circuitState = state;
  }

  /** Returns the current counts. */
  public CacheStats snapshot() {
    return new CacheStats(hits.sum(), misses.sum(), revalidations.sum(), staleServed.sum(),
        writes.sum(), writesSkipped.sum(), backendErrors.sum(), bypassed.sum(), coalesced.sum(),
        invalidations.sum(), refreshes.sum(), refreshFailures.sum(), writesDropped.sum(),
        circuitState, circuitOpened.sum(), shortCircuited.sum());
  }
}
