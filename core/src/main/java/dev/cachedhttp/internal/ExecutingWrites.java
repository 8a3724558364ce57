package dev.cachedhttp.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The keys the background writer is writing at this moment, so that an invalidation can wait for
 * a write it can no longer cancel before it deletes (otherwise the write could land after the
 * deletion). Thread-safe.
 */
final class ExecutingWrites {
  private static final long PAUSE_NANOS = 200_000;

  private final ConcurrentHashMap<String, Integer> keys = new ConcurrentHashMap<>();

  /** Marks {@code key} as being written; call {@link #remove} in a {@code finally}. */
  void add(String key) {
    keys.merge(key, 1, Integer::sum);
  }

  /** Marks one write of {@code key} as finished. */
  void remove(String key) {
    keys.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
  }

  /**
   * Waits until no key starting with one of {@code prefixes} is being written, at most {@code
   * limit}; returns false when the limit passed first.
   */
  boolean awaitNone(List<String> prefixes, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (busy(prefixes)) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      LockSupport.parkNanos(PAUSE_NANOS);
    }
    return true;
  }

  private boolean busy(List<String> prefixes) {
    if (keys.isEmpty()) {
      return false;
    }
    for (String key : keys.keySet()) {
      if (PendingWrites.startsWithAny(key, prefixes)) {
        return true;
      }
    }
    return false;
  }
}
