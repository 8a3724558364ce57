package dev.cachedhttp.internal;

import java.util.List;
import java.util.Map;
import okhttp3.Headers;

/**
 * The {@code Cache-Control} directives of one request or response, interpreted as RFC 9111
 * (section 5.2), RFC 5861 and RFC 8246 say. Durations are in seconds, {@link #ABSENT} when the
 * directive is not there. Immutable and thread-safe.
 *
 * <p>Invalid and duplicate values: a {@code max-age} that is not a non-negative integer, or that
 * occurs several times with different values, is read as {@code max-age=0} (RFC 9111 section
 * 4.2.1: invalid freshness information means stale; for a request it is the most restrictive
 * reading). For the other directives with an argument an invalid occurrence is ignored and of
 * several valid ones the most restrictive wins (the smallest {@code max-stale}, {@code
 * stale-if-error} and {@code stale-while-revalidate}, the largest {@code min-fresh}). Values too
 * large to represent become 2<sup>31</sup> seconds (RFC 9111 section 1.2.2). {@code
 * no-cache="field"} is treated as an unqualified {@code no-cache}; {@code private} and {@code
 * s-maxage} are ignored because this is a private cache.
 *
 * @param noStore {@code no-store}
 * @param noCache {@code no-cache}, qualified or not
 * @param mustRevalidate {@code must-revalidate}
 * @param isPublic {@code public}
 * @param immutable {@code immutable} (RFC 8246)
 * @param onlyIfCached {@code only-if-cached} (request)
 * @param maxAge {@code max-age} seconds
 * @param maxStale {@code max-stale} seconds, {@link #ANY} without a value (request)
 * @param minFresh {@code min-fresh} seconds (request)
 * @param staleIfError {@code stale-if-error} seconds (RFC 5861)
 * @param staleWhileRevalidate {@code stale-while-revalidate} seconds (RFC 5861)
 * @param mustUnderstand {@code must-understand} (RFC 9111 section 5.2.2.3)
 */
record CacheDirectives(boolean noStore, boolean noCache, boolean mustRevalidate,
    boolean isPublic, boolean immutable, boolean onlyIfCached, long maxAge, long maxStale,
    long minFresh, long staleIfError, long staleWhileRevalidate, boolean mustUnderstand) {

  /** The value of a directive that is not present. */
  public static final long ABSENT = -1;

  /** The value of {@code max-stale} without an argument: any staleness is accepted. */
  public static final long ANY = Long.MAX_VALUE;

  /** The largest delta-seconds value kept; larger ones are read as this (RFC 9111 1.2.2). */
  public static final long MAX_DELTA_SECONDS = 1L << 31;

  /** No directives at all. */
  public static final CacheDirectives NONE = new CacheDirectives(false, false, false, false,
      false, false, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, false);

  /** Most distinct single-line values whose parsed form is kept; then the memo starts over. */
  private static final int MAX_MEMOIZED_LINES = 512;

  private static final ParseMemo<CacheDirectives> SINGLE_LINES =
      new ParseMemo<>(line -> parse(List.of(line)), MAX_MEMOIZED_LINES);

  /** Reads the directives of every {@code Cache-Control} line of {@code headers}. */
  public static CacheDirectives of(Headers headers) {
    String only = null;
    int count = 0;
    for (int i = 0, n = headers.size(); i < n; i++) {
      if (headers.name(i).equalsIgnoreCase("Cache-Control")) {
        only = headers.value(i);
        count++;
      }
    }
    if (count == 0) {
      return NONE;
    }
    return count == 1 ? SINGLE_LINES.get(only) : parse(headers.values("Cache-Control"));
  }

  private static CacheDirectives parse(List<String> lines) {
    Map<String, List<String>> d = DirectiveParser.parse(lines);
    return new CacheDirectives(
        d.containsKey("no-store"),
        d.containsKey("no-cache"),
        d.containsKey("must-revalidate"),
        d.containsKey("public"),
        d.containsKey("immutable"),
        d.containsKey("only-if-cached"),
        maxAge(d.get("max-age")),
        maxStale(d.get("max-stale")),
        restrictive(d.get("min-fresh"), true),
        restrictive(d.get("stale-if-error"), false),
        restrictive(d.get("stale-while-revalidate"), false),
        d.containsKey("must-understand"));
  }

  /** True when {@code max-age} is present. */
  public boolean hasMaxAge() {
    return maxAge != ABSENT;
  }

  private static long maxAge(List<String> occurrences) {
    if (occurrences == null) {
      return ABSENT;
    }
    long first = deltaSeconds(occurrences.get(0));
    for (String occurrence : occurrences) {
      long value = deltaSeconds(occurrence);
      if (value == ABSENT || value != first) {
        return 0;
      }
    }
    return first;
  }

  private static long maxStale(List<String> occurrences) {
    if (occurrences == null) {
      return ABSENT;
    }
    long result = ABSENT;
    for (String occurrence : occurrences) {
      long value = occurrence == null ? ANY : deltaSeconds(occurrence);
      if (value != ABSENT) {
        result = result == ABSENT ? value : Math.min(result, value);
      }
    }
    return result;
  }

  private static long restrictive(List<String> occurrences, boolean largest) {
    if (occurrences == null) {
      return ABSENT;
    }
    long result = ABSENT;
    for (String occurrence : occurrences) {
      long value = deltaSeconds(occurrence);
      if (value == ABSENT) {
        continue;
      }
      if (result == ABSENT) {
        result = value;
      } else {
        result = largest ? Math.max(result, value) : Math.min(result, value);
      }
    }
    return result;
  }

  /**
   * Parses a delta-seconds value: one or more ASCII digits; {@link #ABSENT} when missing or
   * invalid; capped at {@link #MAX_DELTA_SECONDS}.
   */
  public static long deltaSeconds(String text) {
    if (text == null || text.isEmpty()) {
      return ABSENT;
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return ABSENT;
      }
      value = Math.min(value * 10 + (c - '0'), MAX_DELTA_SECONDS);
    }
    return value;
  }
}
