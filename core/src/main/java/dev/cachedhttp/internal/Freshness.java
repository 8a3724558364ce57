package dev.cachedhttp.internal;

import dev.cachedhttp.spi.CachedResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import okhttp3.Headers;

/**
 * RFC 9111 freshness arithmetic (sections 4.2.1 to 4.2.3): the freshness lifetime a response
 * states explicitly, the heuristic lifetime where the RFC allows one, and the current age. Pure
 * functions of their arguments; thread-safe.
 */
final class Freshness {
  /** Status codes that are heuristically cacheable (RFC 9110 section 15.1), 206 excepted. */
  public static final Set<Integer> HEURISTICALLY_CACHEABLE =
      Set.of(200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501);

  /**
   * The final status codes whose caching rules RFC 9110 defines, the ones {@code
   * must-understand} lets a cache store.
   */
  public static final Set<Integer> UNDERSTOOD_STATUSES = Set.of(200, 201, 202, 203, 204, 205,
      300, 301, 302, 303, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411,
      412, 413, 414, 415, 416, 417, 421, 422, 426, 500, 501, 502, 503, 504, 505);

  /** The heuristic lifetime is this share of the time since {@code Last-Modified}. */
  public static final int HEURISTIC_PERCENT = 10;

  /** The largest heuristic lifetime: one day. */
  public static final Duration HEURISTIC_CAP = Duration.ofDays(1);

  private Freshness() {}

  /**
   * The corrected initial age of a response (RFC 9111 section 4.2.3): the larger of its apparent
   * age ({@code responseTime - Date}, never negative) and its {@code Age} header plus the time
   * the request spent in flight. A missing or invalid {@code Date} or {@code Age} counts as zero.
   */
  public static Duration correctedInitialAge(Headers headers, Instant requestTime,
      Instant responseTime) {
    Duration corrected = ageHeader(headers);
    if (requestTime.isBefore(responseTime)) {
      corrected = corrected.plus(Duration.between(requestTime, responseTime));
    }
    Instant date = DATES.get(headers.get("Date"));
    if (date != null && date.isBefore(responseTime)) {
      Duration apparent = Duration.between(date, responseTime);
      return apparent.compareTo(corrected) > 0 ? apparent : corrected;
    }
    return corrected;
  }

  /** The current age of {@code cached} at {@code now}: corrected initial age plus time stored. */
  public static Duration currentAge(CachedResponse cached, Instant now) {
    Duration initial = StoredFacts.of(cached).initialAge();
    return cached.createdAt().isBefore(now)
        ? initial.plus(Duration.between(cached.createdAt(), now)) : initial;
  }

  /** True when the response states its freshness itself: {@code max-age} or {@code Expires}. */
  public static boolean hasExplicitLifetime(Headers headers, CacheDirectives directives) {
    return directives.hasMaxAge() || headers.get("Expires") != null;
  }

  /**
   * The freshness lifetime the response states: {@code max-age}, else {@code Expires} minus
   * {@code Date} (the response time when {@code Date} is missing). An {@code Expires} that does
   * not parse, or several different ones, mean zero (already stale). Empty when neither is there.
   */
  public static Optional<Duration> explicitLifetime(Headers headers, CacheDirectives directives,
      Instant responseTime) {
    if (directives.hasMaxAge()) {
      return Optional.of(Duration.ofSeconds(directives.maxAge()));
    }
    List<String> expiresValues = headers.values("Expires");
    if (expiresValues.isEmpty()) {
      return Optional.empty();
    }
    Optional<Instant> expires = date(headers, "Expires");
    if (expiresValues.stream().distinct().count() > 1 || expires.isEmpty()) {
      return Optional.of(Duration.ZERO);
    }
    Instant date = date(headers, "Date").orElse(responseTime);
    Duration lifetime = Duration.between(date, expires.get());
    return Optional.of(lifetime.isNegative() ? Duration.ZERO : lifetime);
  }

  /**
   * The heuristic freshness lifetime (RFC 9111 section 4.2.2): {@value #HEURISTIC_PERCENT}% of
   * the time between {@code Last-Modified} and {@code Date} (or the response time), at most
   * {@link #HEURISTIC_CAP}. Only for responses without an explicit lifetime whose status is
   * heuristically cacheable or that are marked {@code public}; empty otherwise.
   */
  public static Optional<Duration> heuristicLifetime(int status, Headers headers,
      CacheDirectives directives, Instant responseTime) {
    if (hasExplicitLifetime(headers, directives)
        || !(HEURISTICALLY_CACHEABLE.contains(status) || directives.isPublic())) {
      return Optional.empty();
    }
    Optional<Instant> lastModified = date(headers, "Last-Modified");
    if (lastModified.isEmpty()) {
      return Optional.empty();
    }
    Instant date = date(headers, "Date").orElse(responseTime);
    Duration sinceModified = Duration.between(lastModified.get(), date);
    if (sinceModified.isNegative() || sinceModified.isZero()) {
      return Optional.empty();
    }
    Duration heuristic = sinceModified.multipliedBy(HEURISTIC_PERCENT).dividedBy(100);
    return Optional.of(heuristic.compareTo(HEURISTIC_CAP) > 0 ? HEURISTIC_CAP : heuristic);
  }

  /** True when a status may be stored without explicit freshness (206 never is, here). */
  public static boolean heuristicallyCacheable(int status) {
    return HEURISTICALLY_CACHEABLE.contains(status);
  }

  /**
   * The {@code Age} header (RFC 9111 section 5.1): the first member of its first line when
   * several are sent; a value that is not a non-negative integer is ignored (zero).
   */
  static Duration ageHeader(Headers headers) {
    String line = headers.get("Age") == null ? null : headers.values("Age").get(0);
    if (line == null) {
      return Duration.ZERO;
    }
    int comma = line.indexOf(',');
    long seconds = CacheDirectives.deltaSeconds((comma < 0 ? line : line.substring(0, comma))
        .trim());
    return seconds == CacheDirectives.ABSENT ? Duration.ZERO : Duration.ofSeconds(seconds);
  }

  /** Most distinct date values whose parsed form is kept; then the memo starts over. */
  private static final int MAX_MEMOIZED_DATES = 1024;

  /** Dates are parsed with a pattern match; a hit reads the stored {@code Date} every time. */
  private static final ParseMemo<Instant> DATES =
      new ParseMemo<>(value -> HttpDate.parse(value).orElse(null), MAX_MEMOIZED_DATES);

  /** The HTTP date of header {@code name}; empty when missing or not a valid HTTP date. */
  static Optional<Instant> date(Headers headers, String name) {
    return Optional.ofNullable(DATES.get(headers.get(name)));
  }
}
