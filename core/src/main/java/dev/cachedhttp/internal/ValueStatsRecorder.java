package dev.cachedhttp.internal;

import dev.cachedhttp.CacheStats;
import dev.cachedhttp.ValueCacheStats;
import java.util.concurrent.atomic.LongAdder;

/**
 * Thread-safe counters behind {@link ValueCacheStats}: those of the value cache itself, plus
 * what its {@link GuardedBackend} counted (backend errors, the breaker).
 */
public final class ValueStatsRecorder {
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder writes = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder computes = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final StatsRecorder guard;

  /** Counters reading backend errors and the breaker off {@code guard}, the guard's recorder. */
  ValueStatsRecorder(StatsRecorder guard) {
    this.guard = guard;
  }

  /** Counts a hit. */
  void hit() {
    hits.increment();
  }

  /** Counts a miss. */
  void miss() {
    misses.increment();
  }

  /** Counts a write. */
  void write() {
    writes.increment();
  }

  /** Counts an error that is not a failed backend call (those the guard counts). */
  void error() {
    errors.increment();
  }

  /** Counts a run of a supplier or memoized function. */
  void compute() {
    computes.increment();
  }

  /** Counts a value too large to store. */
  void skipped() {
    skipped.increment();
  }

  /** Returns the current counts. */
  ValueCacheStats snapshot() {
    CacheStats guarded = guard.snapshot();
    return new ValueCacheStats(hits.sum(), misses.sum(), writes.sum(),
        errors.sum() + guarded.backendErrors(), computes.sum(), skipped.sum(),
        guarded.circuitState(), guarded.circuitOpened(), guarded.shortCircuited());
  }
}
