package dev.cachedhttp.sqlite.internal;

import dev.cachedhttp.internal.IsoInstants;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 UTC instants with exactly nine fraction digits ({@code 2026-01-01T00:00:00.250000000Z})
 * for the columns SQL compares ({@code evict_at}, {@code last_used}): text of one width sorts in
 * time order, so {@code evict_at <= ?} and {@code order by last_used} need no conversion.
 */
final class SortableTime {
  /** The latest instant stored as is; later ones are stored as this (four-digit years only). */
  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private static final DateTimeFormatter FORMAT =
      new DateTimeFormatterBuilder().appendInstant(9).toFormatter();

  private SortableTime() {}

  /** {@code instant} as sortable text; instants before year 0 or after 9999 are clamped. */
  public static String format(Instant instant) {
    Instant clamped = instant.isAfter(LATEST) ? LATEST
        : instant.isBefore(Instant.EPOCH) ? Instant.EPOCH : instant;
    return FORMAT.format(clamped);
  }

  /**
   * Parses an ISO-8601 instant.
   *
   * @throws IllegalArgumentException naming the column when {@code text} is not one
   */
  static Instant parse(String text, String column) {
    if (text == null) {
      throw new IllegalArgumentException("column " + column + " is missing");
    }
    try {
      return IsoInstants.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("column " + column + " is not an ISO-8601 instant", e);
    }
  }
}
