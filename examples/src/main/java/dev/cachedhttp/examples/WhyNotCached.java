package dev.cachedhttp.examples;

import dev.cachedhttp.CacheListener;
import dev.cachedhttp.CachedClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The README's answer to "why wasn't this cached?": a {@link CacheListener} that logs every
 * answer the cache did not store, with the reason.
 */
public final class WhyNotCached {
  private static final Logger LOG = LoggerFactory.getLogger(WhyNotCached.class);

  private WhyNotCached() {}

  /** A cache (memory backend, defaults) that logs each answer it does not store. */
  public static CachedClient cache() {
    // snippet: why-not-cached
    CachedClient cached = CachedClient.builder()
        .listener(new CacheListener() {
          @Override
          public void notStored(Request request, Response response, String key,
              NotStoredReason reason) {
            LOG.info("not cached: {} {} -> {} ({})", request.method(), request.url(),
                response.code(), reason);
          }
        })
        .build();
    // end snippet
    return cached;
  }
}
