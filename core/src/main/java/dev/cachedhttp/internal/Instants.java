package dev.cachedhttp.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

/** Instant arithmetic that saturates instead of throwing. */
public final class Instants {
  private Instants() {}

  /** Returns {@code start + amount}, or {@link Instant#MAX} when that is past the last instant. */
  public static Instant plusSaturating(Instant start, Duration amount) {
    try {
      return start.plus(amount);
    } catch (ArithmeticException | DateTimeException tooFar) {
      return Instant.MAX;
    }
  }
}
