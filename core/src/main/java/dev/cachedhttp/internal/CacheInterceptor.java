package dev.cachedhttp.internal;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CacheOptions;
import dev.cachedhttp.Expiration;
import dev.cachedhttp.spi.Backend;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caching interceptor: settles the call's options, expiration and key, hands cacheable calls
 * to the {@link Exchange}, passes the others through, invalidates after unsafe methods, and
 * counts each call's outcome once, from the {@link CacheInfo} every response is tagged with.
 * Install it as an application interceptor so redirects are followed below it. A failure of the
 * cache itself never fails the call: the request then goes to the network as if there were no
 * cache. Thread-safe.
 */
public final class CacheInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(CacheInterceptor.class);

  private final Policy policy;
  private final Keys keys;
  private final Exchange exchange;
  private final Invalidator invalidator;
  private final ResponseMapper mapper;
  private final StatsRecorder stats;
  private final Clock clock;
  private final boolean cacheStatusHeader;
  private volatile boolean closed;
  private final AtomicBoolean closedWarned = new AtomicBoolean();

  private CacheInterceptor(Policy policy, Keys keys, Exchange exchange, Invalidator invalidator,
      ResponseMapper mapper, StatsRecorder stats, Clock clock, boolean cacheStatusHeader) {
    this.policy = policy;
    this.keys = keys;
    this.exchange = exchange;
    this.invalidator = invalidator;
    this.mapper = mapper;
    this.stats = stats;
    this.clock = clock;
    this.cacheStatusHeader = cacheStatusHeader;
  }

  /**
   * Wires the interceptor and its collaborators for {@code settings} over {@code storage}.
   *
   * @param storage the guarded backend
   * @param keys the key builder
   * @param stats the counters
   * @param refresher background refreshes
   */
  public static CacheInterceptor create(Settings settings, GuardedBackend storage, Keys keys,
      StatsRecorder stats, BackgroundRefresher refresher) {
    Policy policy = new Policy(settings);
    Vary vary = new Vary(settings.ignored());
    StoredEntries entries = new StoredEntries(storage, keys, vary);
    ResponseMapper mapper = new ResponseMapper(new Redactor(settings.ignored()));
    Backend backend = storage.backend();
    long maxBodyBytes = Math.min(settings.maxBodyBytes(), backend.maxBodyBytes());
    ResponseStore store = new ResponseStore(policy, entries, mapper, keys, storage, stats,
        settings.clock(), maxBodyBytes);
    Exchange exchange = new Exchange(new Planner(policy), entries, store, mapper,
        settings.coalescing() ? new Coalescer() : null, refresher, vary, settings.clock());
    return new CacheInterceptor(policy, keys, exchange, new Invalidator(keys, storage, stats),
        mapper, stats, settings.clock(), settings.cacheStatusHeader());
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Response response = handle(chain, request);
    CacheInfo info = CacheInfo.find(response).orElse(null);
    stats.record(info == null ? CacheInfo.Source.BYPASS : info.source());
    if (Invalidator.unsafe(request.method()) && cameFromOrigin(info)) {
      try {
        invalidator.after(request, response);
      } catch (RuntimeException bug) {
        LOG.warn("cache could not invalidate after {} {}", request.method(),
            request.url().redact(), bug);
      }
    }
    return cacheStatusHeader && info != null ? CacheStatus.tag(response, info, clock.instant())
        : response;
  }

  /** From now on every call passes through uncached, as if there were no cache. */
  public void close() {
    closed = true;
  }

  private Response handle(Chain chain, Request request) throws IOException {
    if (closed) {
      if (closedWarned.compareAndSet(false, true)) {
        LOG.warn("{} {} bypasses the cache: its CachedClient is closed; every later call "
            + "bypasses it too (counted as bypassed, not logged again)", request.method(),
            request.url().redact());
      }
      return bypass(chain, request);
    }
    CacheOptions options = CacheOptions.of(request);
    Optional<Expiration> configured;
    Optional<String> key;
    try {
      configured = policy.configuredExpiration(request, options);
      boolean uses = policy.usesCache(request, options, configured.orElse(Expiration.NEVER));
      key = uses ? keys.of(request) : Optional.empty();
    } catch (RuntimeException bug) {
      LOG.warn("cache could not key {} {}; sending it uncached", request.method(),
          request.url().redact(), bug);
      return bypass(chain, request);
    }
    if (key.isEmpty()) {
      return bypass(chain, request);
    }
    return exchange.run(chain, options, configured, key.get());
  }

  private Response bypass(Chain chain, Request request) throws IOException {
    Response response = chain.proceed(request);
    CacheInfo info = CacheInfo.create(CacheInfo.Source.BYPASS, "", clock.instant(), null,
        false, false);
    return mapper.tag(response, info);
  }

  private static boolean cameFromOrigin(CacheInfo info) {
    return info == null || info.source() == CacheInfo.Source.NETWORK
        || info.source() == CacheInfo.Source.BYPASS;
  }
}
