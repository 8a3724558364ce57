package dev.cachedhttp.micrometer;

import dev.cachedhttp.ValueCache;
import dev.cachedhttp.ValueCacheStats;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;
import java.util.function.ToLongFunction;

/**
 * The meters of one {@link ValueCache}: {@code cache.gets{result=hit|miss}} ({@link
 * ValueCacheStats#hits()}, {@link ValueCacheStats#misses()}), {@code cache.puts} ({@link
 * ValueCacheStats#writes()}), and {@code cachedhttp.value.computes}, {@code
 * cachedhttp.value.errors}, {@code cachedhttp.value.writes.skipped}. There is no {@code
 * cache.size} or {@code cache.evictions}: a value cache is one namespace of a backend that
 * counts its entries only as a whole. Every value is read from the cache when the registry
 * publishes. Thread-safe.
 */
public final class ValueCacheMetrics extends CacheMeterBinder<ValueCache> {

  /**
   * Creates the meters of {@code cache}; {@link #bindTo} registers them.
   *
   * @param cacheName the value of the {@code cache} tag
   * @param tags further tags of every meter
   */
  public ValueCacheMetrics(ValueCache cache, String cacheName, Iterable<Tag> tags) {
    super(cache, cacheName, tags);
  }

  @Override
  protected Long size() {
    return null;
  }

  @Override
  protected long hitCount() {
    return read(ValueCacheStats::hits);
  }

  @Override
  protected Long missCount() {
    return read(ValueCacheStats::misses);
  }

  @Override
  protected Long evictionCount() {
    return null;
  }

  @Override
  protected long putCount() {
    return read(ValueCacheStats::writes);
  }

  @Override
  protected void bindImplementationSpecificMetrics(MeterRegistry registry) {
    Counters<ValueCache> counters = new Counters<>(registry, getCache(), getTagsWithCacheName());
    counters.add("value.computes", "Runs of a getOrCompute supplier or a memoized function",
        c -> c.stats().computes());
    counters.add("value.errors", "Backend calls that failed and values that could not be read "
        + "back", c -> c.stats().errors());
    counters.add("value.writes.skipped", "Values not written because they were too large",
        c -> c.stats().skipped());
  }

  private long read(ToLongFunction<ValueCacheStats> count) {
    ValueCache cache = getCache();
    return cache == null ? 0 : count.applyAsLong(cache.stats());
  }
}
