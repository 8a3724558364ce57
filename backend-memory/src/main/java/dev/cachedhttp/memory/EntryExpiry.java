package dev.cachedhttp.memory;

import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;

/** Expires each entry at its own {@link Entry#expiresAt()}, measured on a {@link Clock}. */
final class EntryExpiry implements Expiry<Entry.Key, Entry> {
  private final Clock clock;

  /** Creates an expiry policy reading {@code clock}. */
  public EntryExpiry(Clock clock) {
    this.clock = clock;
  }

  private long nanosLeft(Entry entry) {
    if (entry.expiresAt() == null) {
      return Long.MAX_VALUE;
    }
    Duration left = Duration.between(clock.instant(), entry.expiresAt());
    if (left.isNegative()) {
      return 0;
    }
    try {
      return left.toNanos();
    } catch (ArithmeticException tooFar) {
      return Long.MAX_VALUE;
    }
  }

  @Override
  public long expireAfterCreate(Entry.Key key, Entry entry, long currentTime) {
    return nanosLeft(entry);
  }

  @Override
  public long expireAfterUpdate(Entry.Key key, Entry entry, long currentTime,
      long currentDuration) {
    return nanosLeft(entry);
  }

  @Override
  public long expireAfterRead(Entry.Key key, Entry entry, long currentTime,
      long currentDuration) {
    return currentDuration;
  }
}
