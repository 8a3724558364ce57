package dev.cachedhttp.internal;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CacheListener;
import dev.cachedhttp.spi.CachedResponse;
import okhttp3.Response;

/**
 * What one call came to: the response to return, what the cache did ({@code info}), the stored
 * document coalesced callers may be served from (null when there is none), and why the origin's
 * answer was not stored (null when it was, or when there was nothing to store).
 */
record Outcome(Response response, CacheInfo info, CachedResponse shared,
    CacheListener.NotStoredReason notStored) {

  /** An outcome with nothing left unstored. */
  Outcome(Response response, CacheInfo info, CachedResponse shared) {
    this(response, info, shared, null);
  }
}
