package dev.cachedhttp.internal;

import java.time.Duration;
import java.util.Objects;

/** Checks of durations given to builders and methods. */
public final class Durations {
  private Durations() {}

  /**
   * Returns {@code duration} when it is not negative.
   *
   * @throws NullPointerException naming {@code name} when it is null
   * @throws IllegalArgumentException naming {@code name} and the value when it is negative
   */
  public static Duration nonNegative(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative but was " + duration);
    }
    return duration;
  }
}
