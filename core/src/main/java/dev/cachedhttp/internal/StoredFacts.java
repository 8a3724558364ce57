package dev.cachedhttp.internal;

import dev.cachedhttp.spi.CachedResponse;
import java.time.Duration;
import okhttp3.Headers;
import okhttp3.MediaType;

/**
 * What the cache reads from a stored response on every hit, worked out once per document
 * instance and kept with it ({@link CachedResponse#derived}): a backend that serves one instance
 * many times (memory, the near cache) pays for it once; one that decodes a new instance per read
 * pays for it once per read, as before. Every field is a pure function of the document.
 *
 * @param initialAge the corrected initial age (RFC 9111 section 4.2.3)
 * @param directives the stored {@code Cache-Control}, parsed
 * @param explicitLifetime whether the response states its freshness ({@code max-age} or {@code
 *     Expires})
 * @param varies whether the response has a {@code Vary} header
 * @param mediaType the stored {@code Content-Type}, parsed; null when absent or unreadable
 */
record StoredFacts(Duration initialAge, CacheDirectives directives, boolean explicitLifetime,
    boolean varies, MediaType mediaType) {

  /** The facts of {@code cached}, worked out on the first call for this instance. */
  static StoredFacts of(CachedResponse cached) {
    return cached.derived(StoredFacts.class, StoredFacts::workOut);
  }

  private static StoredFacts workOut(CachedResponse cached) {
    Headers headers = cached.headers();
    CacheDirectives directives = CacheDirectives.of(headers);
    return new StoredFacts(
        Freshness.correctedInitialAge(headers, cached.requestSentAt(), cached.createdAt()),
        directives, Freshness.hasExplicitLifetime(headers, directives),
        headers.get("Vary") != null, StoredBodies.mediaType(headers.get("Content-Type")));
  }
}
