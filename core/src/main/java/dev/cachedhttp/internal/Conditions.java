package dev.cachedhttp.internal;

import dev.cachedhttp.spi.CachedResponse;
import java.time.Instant;
import java.util.Optional;
import okhttp3.Request;

/**
 * The caller's own conditional request evaluated against a stored response (RFC 9111 section
 * 4.3.2, RFC 9110 section 13): {@code If-None-Match} by weak comparison of entity tags, else
 * {@code If-Modified-Since} against {@code Last-Modified} (or {@code Date}). Pure; thread-safe.
 */
final class Conditions {
  private Conditions() {}

  /** True when {@code request} carries {@code If-None-Match} or {@code If-Modified-Since}. */
  static boolean hasConditions(Request request) {
    return request.header("If-None-Match") != null || request.header("If-Modified-Since") != null;
  }

  /**
   * True when the stored 200 {@code cached} satisfies the caller's conditions for a 304: its
   * {@code ETag} matches {@code If-None-Match}, or, when that is absent, it has not been modified
   * since {@code If-Modified-Since}: its {@code Last-Modified}, else its {@code Date}, else the
   * time it was received is not later (RFC 9111 section 4.3.2).
   */
  static boolean notModified(Request request, CachedResponse cached) {
    if (cached.status() != 200 || !hasConditions(request)) {
      return false;
    }
    String ifNoneMatch = String.join(",", request.headers("If-None-Match"));
    if (!ifNoneMatch.isEmpty()) {
      return etagMatches(ifNoneMatch, cached.headers().get("ETag"));
    }
    Optional<Instant> since = Freshness.date(request.headers(), "If-Modified-Since");
    Instant modified = Freshness.date(cached.headers(), "Last-Modified")
        .or(() -> Freshness.date(cached.headers(), "Date"))
        .orElse(cached.createdAt());
    return since.isPresent() && !modified.isAfter(since.get());
  }

  private static boolean etagMatches(String ifNoneMatch, String etag) {
    if (ifNoneMatch.trim().equals("*")) {
      return true;
    }
    if (etag == null) {
      return false;
    }
    String stored = opaque(etag.trim());
    for (String candidate : ifNoneMatch.split(",")) {
      if (opaque(candidate.trim()).equals(stored)) {
        return true;
      }
    }
    return false;
  }

  /** The opaque part of an entity tag: weak comparison ignores the {@code W/} prefix. */
  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }
}
