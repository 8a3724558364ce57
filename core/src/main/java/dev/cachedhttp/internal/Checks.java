package dev.cachedhttp.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * The argument checks of every builder (the cache's, the value cache's, the circuit breaker's
 * and the backends'): each returns its argument when it is acceptable and otherwise throws with
 * a message naming the setting and the bad value. Not API.
 */
public final class Checks {
  private Checks() {}

  /**
   * Returns {@code duration} when it is not negative.
   *
   * @throws NullPointerException naming {@code name} when it is null
   * @throws IllegalArgumentException naming {@code name} and the value when it is negative
   */
  public static Duration nonNegative(String name, Duration duration) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative but was " + duration);
    }
    return duration;
  }

  /**
   * Returns {@code duration} when it is positive and at most {@code max}.
   *
   * @throws NullPointerException naming {@code name} when it is null
   * @throws IllegalArgumentException naming {@code name} and the value otherwise
   */
  public static Duration positive(String name, Duration duration, Duration max) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero() || duration.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " must be positive and at most " + max
          + " but was " + duration);
    }
    return duration;
  }

  /**
   * Returns {@code duration} when it is between {@code min} and {@code max} inclusive.
   *
   * @throws NullPointerException naming {@code name} when it is null
   * @throws IllegalArgumentException naming {@code name} and the value otherwise
   */
  public static Duration between(String name, Duration duration, Duration min, Duration max) {
    Objects.requireNonNull(duration, name);
    if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max
          + " but was " + duration);
    }
    return duration;
  }

  /**
   * Returns {@code value} when it is between {@code min} and {@code max} inclusive.
   *
   * @throws IllegalArgumentException naming {@code name} and the value otherwise
   */
  public static long between(String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max
          + " but was " + value);
    }
    return value;
  }

  /**
   * Returns {@code value} when it is between {@code min} and {@code max} inclusive.
   *
   * @throws IllegalArgumentException naming {@code name} and the value otherwise
   */
  public static int between(String name, int value, int min, int max) {
    return (int) between(name, (long) value, min, max);
  }

  /**
   * Returns {@code value} when it is at least {@code min}.
   *
   * @throws IllegalArgumentException naming {@code name} and the value otherwise
   */
  public static long atLeast(String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + " but was " + value);
    }
    return value;
  }

  /**
   * Returns {@code value} when it is not negative.
   *
   * @throws IllegalArgumentException naming {@code name} and the value otherwise
   */
  public static long nonNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative but was " + value);
    }
    return value;
  }

  /**
   * Throws {@link IllegalStateException} with {@code message} when {@code contradiction} holds:
   * the check of a combination of settings in a builder's {@code build()}.
   */
  public static void refuse(boolean contradiction, String message) {
    if (contradiction) {
      throw new IllegalStateException(message);
    }
  }
}
