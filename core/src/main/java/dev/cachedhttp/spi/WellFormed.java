package dev.cachedhttp.spi;

import java.time.Instant;
import okhttp3.Headers;

/** The check behind {@link CachedResponse#wellFormed()}. Pure; thread-safe. */
final class WellFormed {
  /** The earliest instant a stored time may hold: year 1. */
  static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  /** The latest instant a stored time may hold: the end of year 9999. */
  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private WellFormed() {}

  /** The check of {@link CachedResponse#wellFormed()}. */
  static boolean check(CachedResponse cached) {
    if (cached.status() < 200 || cached.status() > 599) {
      return false;
    }
    if (!sane(cached.createdAt()) || !sane(cached.requestSentAt())
        || !cached.expires().map(WellFormed::sane).orElse(true)) {
      return false;
    }
    if (!fieldText(cached.message()) || !fieldText(cached.url())
        || !fieldText(cached.method()) || !fieldText(cached.protocol())) {
      return false;
    }
    for (RedirectHop hop : cached.history()) {
      if (hop == null || hop.url() == null || !fieldText(hop.url())) {
        return false;
      }
    }
    return headersUsable(cached.headers()) && headersUsable(cached.request().headers())
        && lengthAgrees(cached);
  }

  /** True when every header value is valid field text. */
  static boolean headersUsable(Headers headers) {
    for (int i = 0; i < headers.size(); i++) {
      if (!fieldText(headers.value(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when {@code text} has no control character but horizontal tab: RFC 9110 field values
   * are visible characters, spaces, tabs and obs-text.
   */
  static boolean fieldText(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when the stored {@code Content-Length}, if any, is the length of the stored body; a
   * response to HEAD, a 204 and a 304 carry no body whatever the header says.
   */
  private static boolean lengthAgrees(CachedResponse cached) {
    String declared = cached.headers().get("Content-Length");
    if (declared == null || "HEAD".equals(cached.method()) || cached.status() == 204
        || cached.status() == 304) {
      return true;
    }
    try {
      return Long.parseLong(declared.trim()) == cached.body().size();
    } catch (NumberFormatException malformed) {
      return false;
    }
  }

  private static boolean sane(Instant instant) {
    return instant != null && !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
  }
}
