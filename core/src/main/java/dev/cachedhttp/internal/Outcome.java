package dev.cachedhttp.internal;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.spi.CachedResponse;
import okhttp3.Response;

/**
 * What one call came to: the response to return, what the cache did ({@code info}), and the
 * stored document coalesced callers may be served from (null when there is none).
 */
record Outcome(Response response, CacheInfo info, CachedResponse shared) {}
