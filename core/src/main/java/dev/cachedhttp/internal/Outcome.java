package dev.cachedhttp.internal;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CacheListener;
import dev.cachedhttp.spi.CachedResponse;
import java.util.concurrent.CompletableFuture;
import okhttp3.Response;

/**
 * What one call came to: the response to return, what the cache did ({@code info}), the stored
 * document coalesced callers may be served from (null when there is none), and why the origin's
 * answer was not stored (null when it was, or when there was nothing to store). A miss whose body
 * streams to the caller is stored later: {@code streamed} completes with what was stored then,
 * and until it does {@code shared} and {@code notStored} are null.
 */
record Outcome(Response response, CacheInfo info, CachedResponse shared,
    CacheListener.NotStoredReason notStored, CompletableFuture<TeeBody.Stored> streamed) {

  /** An outcome with nothing left unstored. */
  Outcome(Response response, CacheInfo info, CachedResponse shared) {
    this(response, info, shared, null, null);
  }

  /** An outcome settled at once: {@code notStored} says why nothing was stored, or is null. */
  Outcome(Response response, CacheInfo info, CachedResponse shared,
      CacheListener.NotStoredReason notStored) {
    this(response, info, shared, notStored, null);
  }
}
