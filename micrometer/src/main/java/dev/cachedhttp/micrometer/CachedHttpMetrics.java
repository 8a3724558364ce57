package dev.cachedhttp.micrometer;

import dev.cachedhttp.CacheListener;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.ValueCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.Objects;

/**
 * Publishes the counters a cache already keeps as Micrometer meters.
 *
 * <pre>{@code
 * CachedClient cached = CachedHttpMetrics.monitor(registry, CachedClient.builder()...build(),
 *     "github-api", "team", "payments");
 * }</pre>
 *
 * <p>The meters follow Micrometer's own cache conventions ({@code CacheMeterBinder}), so
 * dashboards made for Caffeine or JCache work unchanged: {@code cache.gets} tagged {@code
 * result=hit|miss}, {@code cache.puts}, and {@code cache.size} and {@code cache.evictions} when
 * the backend can tell cheaply (see {@link dev.cachedhttp.spi.Backend#estimatedSize()}). The
 * HTTP outcomes are {@code cachedhttp.*} meters; {@link CachedClientMetrics} lists them. A
 * {@link ValueCache} gets the same cache meters ({@link ValueCacheMetrics}). Every meter is
 * tagged {@code cache=NAME} plus the given tags.
 *
 * <p>Meters are function counters and gauges that read {@link CachedClient#stats()} when the
 * registry publishes: nothing is added to a request's path. Like Micrometer's cache binders, they
 * hold the cache weakly and read {@code NaN} once it has been garbage-collected.
 */
public final class CachedHttpMetrics {
  private CachedHttpMetrics() {}

  /**
   * Registers the meters of {@code cached} in {@code registry}.
   *
   * @param registry where the meters are registered
   * @param cached the cache to observe
   * @param cacheName the value of the {@code cache} tag, not blank
   * @param tags further tags as key/value pairs: {@code "team", "payments"}
   * @return {@code cached}, so the call can wrap the builder's result
   * @throws NullPointerException when an argument is null
   * @throws IllegalArgumentException when {@code cacheName} is blank or {@code tags} is not a list
   *     of key/value pairs
   */
  public static CachedClient monitor(MeterRegistry registry, CachedClient cached,
      String cacheName, String... tags) {
    return monitor(registry, cached, cacheName, pairs(tags));
  }

  /**
   * Registers the meters of {@code cached} in {@code registry}, with Micrometer tags.
   *
   * @return {@code cached}
   * @throws NullPointerException when an argument is null
   * @throws IllegalArgumentException when {@code cacheName} is blank
   */
  public static CachedClient monitor(MeterRegistry registry, CachedClient cached,
      String cacheName, Iterable<Tag> tags) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(cached, "cached");
    Objects.requireNonNull(tags, "tags");
    new CachedClientMetrics(cached, checkName(cacheName), tags).bindTo(registry);
    return cached;
  }

  /**
   * Returns a listener that counts, in {@code registry}, what only events can say: {@code
   * cachedhttp.not.stored{reason=...}} (one counter per {@link CacheListener.NotStoredReason})
   * and {@code cachedhttp.stale.served.by{reason=...}}. Register it on the builder, next to
   * {@link #monitor}:
   *
   * <pre>{@code
   * CachedClient cached = CachedHttpMetrics.monitor(registry, CachedClient.builder()
   *     .listener(CachedHttpMetrics.listener(registry, "github-api"))
   *     .build(), "github-api");
   * }</pre>
   *
   * @param cacheName the value of the {@code cache} tag, not blank
   * @param tags further tags as key/value pairs
   * @throws NullPointerException when an argument is null
   * @throws IllegalArgumentException when {@code cacheName} is blank or {@code tags} is not a list
   *     of key/value pairs
   */
  public static CacheListener listener(MeterRegistry registry, String cacheName,
      String... tags) {
    Objects.requireNonNull(registry, "registry");
    return new ReasonMeters(registry, pairs(tags).and("cache", checkName(cacheName)));
  }

  /**
   * Registers the meters of {@code cache} in {@code registry} (see {@link ValueCacheMetrics}).
   *
   * @param registry where the meters are registered
   * @param cache the value cache to observe
   * @param cacheName the value of the {@code cache} tag, not blank
   * @param tags further tags as key/value pairs
   * @return {@code cache}
   * @throws NullPointerException when an argument is null
   * @throws IllegalArgumentException when {@code cacheName} is blank or {@code tags} is not a list
   *     of key/value pairs
   */
  public static ValueCache monitor(MeterRegistry registry, ValueCache cache, String cacheName,
      String... tags) {
    Tags pairs = pairs(tags);
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(cache, "cache");
    new ValueCacheMetrics(cache, checkName(cacheName), pairs).bindTo(registry);
    return cache;
  }

  static String checkName(String cacheName) {
    Objects.requireNonNull(cacheName, "cacheName");
    if (cacheName.isBlank()) {
      throw new IllegalArgumentException("cacheName must not be blank but was \"" + cacheName
          + "\"");
    }
    return cacheName;
  }

  static Tags pairs(String... tags) {
    Objects.requireNonNull(tags, "tags");
    if (tags.length % 2 != 0) {
      throw new IllegalArgumentException("tags must be key/value pairs but " + tags.length
          + " strings were given: " + String.join(", ", tags));
    }
    for (int i = 0; i < tags.length; i++) {
      if (tags[i] == null || (i % 2 == 0 && tags[i].isBlank())) {
        throw new IllegalArgumentException("tag " + (i % 2 == 0 ? "key" : "value") + " at index "
            + i + " must not be " + (tags[i] == null ? "null" : "blank"));
      }
    }
    return Tags.of(tags);
  }
}
