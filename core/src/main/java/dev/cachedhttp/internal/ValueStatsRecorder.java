package dev.cachedhttp.internal;

import dev.cachedhttp.ValueCacheStats;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counters behind {@link ValueCacheStats}. */
public final class ValueStatsRecorder {
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder writes = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder computes = new LongAdder();
  private final LongAdder skipped = new LongAdder();

  /** Counts a hit. */
  public void hit() {
    hits.increment();
  }

  /** Counts a miss. */
  public void miss() {
    misses.increment();
  }

  /** Counts a write. */
  public void write() {
    writes.increment();
  }

  /** Counts an error. */
  public void error() {
    errors.increment();
  }

  /** Counts a run of a supplier or memoized function. */
  public void compute() {
    computes.increment();
  }

  /** Counts a value too large to store. */
  public void skipped() {
    skipped.increment();
  }

  /** Returns the current counts. */
  public ValueCacheStats snapshot() {
    return new ValueCacheStats(hits.sum(), misses.sum(), writes.sum(), errors.sum(),
        computes.sum(), skipped.sum());
  }
}
