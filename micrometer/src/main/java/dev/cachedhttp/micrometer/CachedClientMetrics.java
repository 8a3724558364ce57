package dev.cachedhttp.micrometer;

import dev.cachedhttp.CacheStats;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.CircuitState;
import dev.cachedhttp.spi.Backend;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The meters of one {@link CachedClient}: Micrometer's cache meters plus the HTTP outcomes.
 *
 * <table>
 *   <caption>Meters (all function counters unless marked)</caption>
 *   <tr><th>meter</th><th>reads</th></tr>
 *   <tr><td>{@code cache.gets{result=hit}}</td><td>{@link CacheStats#served()}: fresh hits,
 *       revalidations, stale and coalesced responses, so the hit ratio is {@link
 *       CacheStats#hitRate()}</td></tr>
 *   <tr><td>{@code cache.gets{result=miss}}</td><td>{@link CacheStats#misses()}</td></tr>
 *   <tr><td>{@code cache.puts}</td><td>{@link CacheStats#writes()}</td></tr>
 *   <tr><td>{@code cache.size} (gauge)</td><td>{@code backend.estimatedSize()}, when
 *       present</td></tr>
 *   <tr><td>{@code cache.evictions}</td><td>{@code backend.evictionCount()}, when present</td></tr>
 *   <tr><td>{@code cachedhttp.hits}</td><td>{@link CacheStats#hits()} (fresh hits only)</td></tr>
 *   <tr><td>{@code cachedhttp.revalidated}</td><td>{@link CacheStats#revalidations()}</td></tr>
 *   <tr><td>{@code cachedhttp.stale.served}</td><td>{@link CacheStats#staleServed()}</td></tr>
 *   <tr><td>{@code cachedhttp.coalesced}</td><td>{@link CacheStats#coalesced()}</td></tr>
 *   <tr><td>{@code cachedhttp.bypassed}</td><td>{@link CacheStats#bypassed()}</td></tr>
 *   <tr><td>{@code cachedhttp.writes.skipped}</td><td>{@link CacheStats#writesSkipped()}</td></tr>
 *   <tr><td>{@code cachedhttp.backend.errors}</td><td>{@link CacheStats#backendErrors()}</td></tr>
 *   <tr><td>{@code cachedhttp.invalidations}</td><td>{@link CacheStats#invalidations()}</td></tr>
 *   <tr><td>{@code cachedhttp.background.refreshes{result=success|failure}}</td><td>{@link
 *       CacheStats#backgroundRefreshes()}, {@link CacheStats#backgroundRefreshFailures()}</td></tr>
 *   <tr><td>{@code cachedhttp.writes.dropped}</td><td>{@link CacheStats#writesDropped()}</td></tr>
 *   <tr><td>{@code cachedhttp.circuit.opened}</td><td>{@link CacheStats#circuitOpened()}</td></tr>
 *   <tr><td>{@code cachedhttp.circuit.short.circuited}</td><td>{@link
 *       CacheStats#shortCircuited()}</td></tr>
 *   <tr><td>{@code cachedhttp.circuit.state{state=closed|open|half_open|disabled}}</td><td>gauge,
 *       1 for {@link CacheStats#circuitState()}, 0 for the others</td></tr>
 * </table>
 *
 * <p>Every value is read from the cache when the registry publishes. Thread-safe.
 */
public final class CachedClientMetrics extends CacheMeterBinder<CachedClient> {
  private final boolean hasSize;
  private final boolean hasEvictions;

  /**
   * Creates the meters of {@code cached}; {@link #bindTo} registers them.
   *
   * @param cacheName the value of the {@code cache} tag
   * @param tags further tags of every meter
   */
  public CachedClientMetrics(CachedClient cached, String cacheName, Iterable<Tag> tags) {
    super(cached, cacheName, tags);
    this.hasSize = cached.backend().estimatedSize().isPresent();
    this.hasEvictions = cached.backend().evictionCount().isPresent();
  }

  @Override
  protected Long size() {
    return hasSize ? backendCount(Backend::estimatedSize) : null;
  }

  @Override
  protected long hitCount() {
    return read(CacheStats::served);
  }

  @Override
  protected Long missCount() {
    return read(CacheStats::misses);
  }

  @Override
  protected Long evictionCount() {
    return hasEvictions ? backendCount(Backend::evictionCount) : null;
  }

  @Override
  protected long putCount() {
    return read(CacheStats::writes);
  }

  @Override
  protected void bindImplementationSpecificMetrics(MeterRegistry registry) {
    Counters<CachedClient> counters = new Counters<>(registry, getCache(),
        getTagsWithCacheName());
    counters.add("hits", "Responses served fresh from the cache without contacting the origin",
        c -> c.stats().hits());
    counters.add("revalidated", "Stored responses confirmed by the origin with 304",
        c -> c.stats().revalidations());
    counters.add("stale.served", "Stale responses served (stale-if-error, "
        + "stale-while-revalidate)", c -> c.stats().staleServed());
    counters.add("coalesced", "Requests answered from a concurrent identical request's "
        + "origin response", c -> c.stats().coalesced());
    counters.add("bypassed", "Requests that did not use the cache", c -> c.stats().bypassed());
    counters.add("writes.skipped", "Responses not written: not storable, too large, or the "
        + "write failed", c -> c.stats().writesSkipped());
    counters.add("backend.errors", "Backend calls that failed (each also a miss or a skipped "
        + "write)", c -> c.stats().backendErrors());
    counters.add("invalidations", "Unsafe requests that invalidated stored entries",
        c -> c.stats().invalidations());
    counters.add("background.refreshes", "Stale-while-revalidate refreshes",
        c -> c.stats().backgroundRefreshes(), "success");
    counters.add("background.refreshes", "Stale-while-revalidate refreshes",
        c -> c.stats().backgroundRefreshFailures(), "failure");
    counters.add("writes.dropped", "Background writes dropped: the write queue was full or the "
        + "circuit breaker open", c -> c.stats().writesDropped());
    counters.add("circuit.opened", "Times the circuit breaker around the backend opened",
        c -> c.stats().circuitOpened());
    counters.add("circuit.short.circuited", "Backend calls skipped because the circuit breaker "
        + "was open", c -> c.stats().shortCircuited());
    for (CircuitState state : CircuitState.values()) {
      counters.gauge("circuit.state", "1 for the circuit breaker's current state, 0 otherwise",
          "state", state.name().toLowerCase(java.util.Locale.ROOT),
          c -> c.stats().circuitState() == state ? 1 : 0);
    }
  }

  private long read(ToLongFunction<CacheStats> count) {
    CachedClient cached = getCache();
    return cached == null ? 0 : count.applyAsLong(cached.stats());
  }

  private long backendCount(Function<Backend, OptionalLong> count) {
    CachedClient cached = getCache();
    return cached == null ? 0 : count.apply(cached.backend()).orElse(0);
  }
}
