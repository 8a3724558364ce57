package dev.cachedhttp.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Parses the instants stored documents hold, as {@link Instant#toString()} writes them ({@code
 * 2026-01-01T00:00:00Z}, {@code 2026-01-01T00:00:00.250Z}), without {@code DateTimeFormatter}: a
 * hit reads several of them (DynamoDB items, SQLite rows). Any other spelling goes to {@link
 * Instant#parse}. Not API. Thread-safe (stateless).
 */
public final class IsoInstants {
  private static final int SECONDS_END = 19;
  private static final long SECONDS_PER_DAY = 86_400;

  private IsoInstants() {}

  /**
   * Parses {@code text}.
   *
   * @throws DateTimeParseException when it is not an ISO-8601 instant
   */
  public static Instant parse(String text) {
    int length = text.length();
    if (length < SECONDS_END + 1 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
        || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return Instant.parse(text);
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    int nanos = fraction(text, SECONDS_END, length - 1);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23
        || minute < 0 || minute > 59 || second < 0 || second > 59 || nanos < 0) {
      return Instant.parse(text);
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return Instant.parse(text);
    }
    return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L
        + second, nanos);
  }

  /** The decimal number in {@code text[from, to)}, or -1 when a character is not a digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      int digit = text.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }

  /** Nanoseconds of an optional {@code .fraction} in {@code text[from, to)}; -1 when malformed. */
  private static int fraction(String text, int from, int to) {
    if (from == to) {
      return 0;
    }
    int count = to - from - 1;
    if (text.charAt(from) != '.' || count < 1 || count > 9) {
      return -1;
    }
    int value = digits(text, from + 1, to);
    if (value < 0) {
      return -1;
    }
    for (int i = count; i < 9; i++) {
      value *= 10;
    }
    return value;
  }
}
