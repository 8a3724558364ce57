package dev.cachedhttp.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses HTTP dates (RFC 9110 section 5.6.7) in exactly the three forms the RFC defines: the
 * preferred IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}) and the obsolete RFC 850 ({@code
 * Sunday, 06-Nov-94 08:49:37 GMT}) and asctime ({@code Sun Nov  6 08:49:37 1994}) forms. Anything
 * else (another zone name, a missing comma, extra spaces, dashes in an IMF date, a one-digit hour)
 * is not a date. Names of days and months are matched ignoring case, as many caches do; the day
 * name is not checked against the date. Thread-safe.
 */
final class HttpDate {
  private static final String TIME = "(\\d{2}):(\\d{2}):(\\d{2})";
  private static final Pattern IMF_FIXDATE = Pattern.compile(
      "([a-z]{3}), (\\d{2}) ([a-z]{3}) (\\d{4}) " + TIME + " gmt", Pattern.CASE_INSENSITIVE);
  private static final Pattern RFC_850 = Pattern.compile(
      "([a-z]{6,9}), (\\d{2})-([a-z]{3})-(\\d{2}) " + TIME + " gmt", Pattern.CASE_INSENSITIVE);
  private static final Pattern ASCTIME = Pattern.compile(
      "([a-z]{3}) ([a-z]{3}) ([ \\d]\\d) " + TIME + " (\\d{4})", Pattern.CASE_INSENSITIVE);
  private static final List<String> DAYS =
      List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
  private static final List<String> LONG_DAYS = List.of("monday", "tuesday", "wednesday",
      "thursday", "friday", "saturday", "sunday");
  private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun",
      "jul", "aug", "sep", "oct", "nov", "dec");

  private HttpDate() {}

  /** Parses {@code value}; empty when it is null or not an HTTP date in one of the three forms. */
  public static Optional<Instant> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String trimmed = value.trim();
    Matcher m = IMF_FIXDATE.matcher(trimmed);
    if (m.matches() && DAYS.contains(lower(m.group(1)))) {
      return at(Integer.parseInt(m.group(4)), m.group(3), m.group(2), m, 5);
    }
    m = RFC_850.matcher(trimmed);
    if (m.matches() && LONG_DAYS.contains(lower(m.group(1)))) {
      return at(twoDigitYear(Integer.parseInt(m.group(4))), m.group(3), m.group(2), m, 5);
    }
    m = ASCTIME.matcher(trimmed);
    if (m.matches() && DAYS.contains(lower(m.group(1)))) {
      return at(Integer.parseInt(m.group(7)), m.group(2), m.group(3).trim(), m, 4);
    }
    return Optional.empty();
  }

  /** Formats {@code instant} as an IMF-fixdate. */
  public static String format(Instant instant) {
    LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    String day = DAYS.get(t.getDayOfWeek().getValue() - 1);
    String month = MONTHS.get(t.getMonthValue() - 1);
    return String.format(Locale.ROOT, "%s, %02d %s %04d %02d:%02d:%02d GMT", capitalised(day),
        t.getDayOfMonth(), capitalised(month), t.getYear(), t.getHour(), t.getMinute(),
        t.getSecond());
  }

  /** Two-digit years: 70 to 99 are 1970 to 1999, the others 2000 to 2069. */
  private static int twoDigitYear(int year) {
    return year >= 70 ? 1900 + year : 2000 + year;
  }

  private static Optional<Instant> at(int year, String monthName, String day, Matcher m,
      int timeGroup) {
    int month = MONTHS.indexOf(lower(monthName)) + 1;
    if (month == 0) {
      return Optional.empty();
    }
    int second = Integer.parseInt(m.group(timeGroup + 2));
    try {
      LocalDateTime time = LocalDateTime.of(year, month, Integer.parseInt(day),
          Integer.parseInt(m.group(timeGroup)), Integer.parseInt(m.group(timeGroup + 1)),
          Math.min(second, 59));
      return Optional.of(time.toInstant(ZoneOffset.UTC));
    } catch (DateTimeException invalid) {
      return Optional.empty();
    }
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private static String capitalised(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
