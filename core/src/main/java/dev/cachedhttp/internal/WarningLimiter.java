package dev.cachedhttp.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides when a repeated failure is worth a WARN again: at most once per {@link #INTERVAL} per
 * operation name, measured on a {@link Clock}; in between, callers log at DEBUG. Thread-safe.
 */
public final class WarningLimiter {
  /** The least time between two warnings about one operation: one minute. */
  public static final Duration INTERVAL = Duration.ofMinutes(1);

  private final Clock clock;
  private final Map<String, Instant> lastWarning = new ConcurrentHashMap<>();

  /** Creates a limiter reading {@code clock}. */
  public WarningLimiter(Clock clock) {
    this.clock = clock;
  }

  /**
   * Returns true, and records the time, when no warning about {@code operation} was given in the
   * last {@link #INTERVAL}.
   */
  public boolean due(String operation) {
    Instant now = clock.instant();
    boolean[] due = {false};
    lastWarning.compute(operation, (name, last) -> {
      if (last == null || !now.isBefore(last.plus(INTERVAL))) {
        due[0] = true;
        return now;
      }
      return last;
    });
    return due[0];
  }
}
