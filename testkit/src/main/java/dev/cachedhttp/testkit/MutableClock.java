package dev.cachedhttp.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that tests move by hand instead of sleeping. Thread-safe; the zone is UTC.
 */
public final class MutableClock extends Clock {
  /** The instant a clock made by {@link #create()} starts at. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private final AtomicReference<Instant> now;

  private MutableClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /** Returns a clock set to {@link #DEFAULT_START}. */
  public static MutableClock create() {
    return new MutableClock(DEFAULT_START);
  }

  /** Returns a clock set to {@code start}. */
  public static MutableClock at(Instant start) {
    return new MutableClock(Objects.requireNonNull(start, "start"));
  }

  /** Moves the clock forward by {@code amount} (which may be negative) and returns the new time. */
  public Instant advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    return now.updateAndGet(current -> current.plus(amount));
  }

  /** Sets the clock to {@code instant}. */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("MutableClock is always UTC");
  }
}
