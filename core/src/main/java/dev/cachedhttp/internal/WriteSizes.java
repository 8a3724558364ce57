package dev.cachedhttp.internal;

import dev.cachedhttp.spi.CachedResponse;

/**
 * What a queued write holds in memory, as the background writer's byte bound counts it: the
 * body, the headers, the strings and a fixed overhead for the objects around them.
 */
final class WriteSizes {
  /** The objects around a queued write: entry, task, document, lists. */
  static final long OVERHEAD = 512;

  private WriteSizes() {}

  /** About the bytes a queued write of {@code response} under {@code key} holds. */
  static long of(String key, CachedResponse response) {
    return OVERHEAD + chars(key) + response.body().size() + response.headers().byteCount()
        + response.request().headers().byteCount() + chars(response.url())
        + chars(response.request().url());
  }

  /** About the bytes a queued write of {@code value} under {@code key} holds. */
  static long of(String key, String value) {
    return OVERHEAD + chars(key) + chars(value);
  }

  private static long chars(String s) {
    return s == null ? 0 : 2L * s.length();
  }
}
