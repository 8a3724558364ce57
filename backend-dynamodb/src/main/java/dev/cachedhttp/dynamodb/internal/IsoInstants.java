package dev.cachedhttp.dynamodb.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Parses the instants items store, with the fast parser every persistent backend shares. */
final class IsoInstants {
  private IsoInstants() {}

  /**
   * Parses {@code text}.
   *
   * @throws DateTimeParseException when it is not an ISO-8601 instant
   */
  static Instant parse(String text) {
    return dev.cachedhttp.internal.IsoInstants.parse(text);
  }
}
