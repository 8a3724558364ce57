package dev.cachedhttp.internal;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CacheOptions;
import dev.cachedhttp.Expiration;
import dev.cachedhttp.spi.CachedResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the {@link Plan} of each cacheable call, top to bottom: look up, plan, then serve,
 * answer 304, answer 504, serve stale and schedule a refresh, or go to the origin (coalesced with
 * identical concurrent calls, conditional when the plan says so) and store the answer, falling
 * back to the plan's stale response when the origin fails. Every response it returns is tagged
 * with its {@link CacheInfo}; counting is left to the interceptor. Thread-safe; one per cache.
 */
final class Exchange {
  private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);
  private static final long DEFAULT_WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final Planner planner;
  private final StoredEntries entries;
  private final ResponseStore store;
  private final ResponseMapper mapper;
  private final Coalescer coalescer;
  private final BackgroundRefresher refresher;
  private final Vary vary;
  private final Clock clock;

  /**
   * Creates the exchange.
   *
   * @param coalescer the coalescer, or null when requests are not coalesced
   */
  Exchange(Planner planner, StoredEntries entries, ResponseStore store, ResponseMapper mapper,
      Coalescer coalescer, BackgroundRefresher refresher, Vary vary, Clock clock) {
    this.planner = planner;
    this.entries = entries;
    this.store = store;
    this.mapper = mapper;
    this.coalescer = coalescer;
    this.refresher = refresher;
    this.vary = vary;
    this.clock = clock;
  }

  /** Runs one cacheable call under {@code key}. */
  Response run(Interceptor.Chain chain, CacheOptions options, Optional<Expiration> configured,
      String key) throws IOException {
    return new Call(chain, options, configured, key).run();
  }

  /** One call's state; used by one thread. */
  private final class Call {
    private final Interceptor.Chain chain;
    private final Request request;
    private final CacheOptions options;
    private final Optional<Expiration> configured;
    private final String key;
    private final boolean refreshing;

    Call(Interceptor.Chain chain, CacheOptions options, Optional<Expiration> configured,
        String key) {
      this.chain = chain;
      this.request = chain.request();
      this.options = options;
      this.configured = configured;
      this.key = key;
      this.refreshing = refresher.isRefresh(chain.call());
    }

    Response run() throws IOException {
      long ticket = coalescer == null ? 0 : coalescer.ticket();
      StoredEntries.Found found = options.forceRefresh() ? StoredEntries.Found.none(key)
          : entries.find(key, request);
      Plan plan = plan(found);
      if (plan.answersFromCache()) {
        return answer(found, plan);
      }
      if (coalescer == null) {
        return origin(found, plan).response();
      }
      return coalescer.run(flightKey(found), ticket, chain.call(), waitNanos(),
          raced -> raced ? lookAgain() : origin(found, plan),
          this::follow,
          () -> origin(found, plan).response());
    }

    private Plan plan(StoredEntries.Found found) {
      try {
        return planner.plan(clock.instant(), request, options, found.response(), refreshing);
      } catch (RuntimeException bug) {
        LOG.warn("cache decision failed for {}; fetching from the network",
            request.url().redact(), bug);
        return Plan.fetch(null);
      }
    }

    /** Carries out a plan that needs no origin. */
    private Response answer(StoredEntries.Found found, Plan plan) {
      switch (plan.action()) {
        case SERVE:
          return serve(found.primaryKey(), plan.stored(), CacheInfo.Source.CACHE);
        case NOT_MODIFIED:
          return mapper.notModified(serve(found.primaryKey(), plan.stored(),
              CacheInfo.Source.CACHE));
        case SERVE_STALE_AND_REFRESH:
          refresher.schedule(flightKey(found), chain.call());
          return serve(found.primaryKey(), plan.stored(),
              CacheInfo.Source.STALE_WHILE_REVALIDATE);
        case UNSATISFIABLE:
          Instant now = clock.instant();
          return mapper.unsatisfiable(request, CacheInfo.create(
              CacheInfo.Source.UNSATISFIABLE, key, now, null, false, false), now);
        default:
          throw new IllegalStateException("not an answer from the cache: " + plan.action());
      }
    }

    /** A flight finished between this call's lookup and now: look and plan again. */
    private Coalescer.Outcome lookAgain() throws IOException {
      StoredEntries.Found found = entries.find(key, request);
      Plan plan = plan(found);
      if (plan.answersFromCache()) {
        return new Coalescer.Outcome(answer(found, plan), plan.stored());
      }
      return origin(found, plan);
    }

    private Optional<Response> follow(CachedResponse shared) {
      if (!entries.fits(shared, request)) {
        return Optional.empty();
      }
      return Optional.of(serve(key, shared, CacheInfo.Source.COALESCED));
    }

    private Coalescer.Outcome origin(StoredEntries.Found found, Plan plan) throws IOException {
      Request outgoing = plan.conditional() ? mapper.conditional(request, plan.stored())
          : request;
      Instant sentAt = clock.instant();
      Response response;
      try {
        response = chain.proceed(outgoing);
      } catch (IOException failure) {
        if (plan.staleFallback() != null) {
          return staleOnError(found, plan.staleFallback());
        }
        throw failure;
      }
      if (response.code() >= 500 && plan.fallbackOnServerError()) {
        response.close();
        return staleOnError(found, plan.staleFallback());
      }
      ResponseStore.Target target = new ResponseStore.Target(request, key,
          found.primaryKey().equals(key) ? found.generation() : null, configured);
      if (plan.conditional() && response.code() == 304) {
        return store.refresh(target, found, response, sentAt);
      }
      if (response.code() == 200 && "HEAD".equalsIgnoreCase(request.method())) {
        store.freshenFromHead(target, response, sentAt);
      }
      return store.store(target, response, sentAt);
    }

    private Coalescer.Outcome staleOnError(StoredEntries.Found found, CachedResponse stale) {
      return new Coalescer.Outcome(serve(found.primaryKey(), stale,
          CacheInfo.Source.STALE_IF_ERROR), null);
    }

    private Response serve(String storedKey, CachedResponse cached, CacheInfo.Source source) {
      Instant now = clock.instant();
      Instant expires = planner.expiresFor(cached, options).orElse(null);
      CacheInfo info = CacheInfo.create(source, storedKey, cached.createdAt(), expires,
          expires != null && !now.isBefore(expires), false);
      return mapper.toResponse(cached, request, info, now);
    }

    /** Calls for different variants of one URL do not wait for each other. */
    private String flightKey(StoredEntries.Found found) {
      if (!found.present() || !Vary.varies(found.response())) {
        return key;
      }
      return key + "|" + String.join("|",
          vary.keyParts(Vary.names(found.response().headers()), request));
    }

    private long waitNanos() {
      long callTimeout = chain.call().timeout().timeoutNanos();
      if (callTimeout > 0) {
        return callTimeout;
      }
      long sum = (long) chain.connectTimeoutMillis() + chain.readTimeoutMillis()
          + chain.writeTimeoutMillis();
      return sum > 0 ? TimeUnit.MILLISECONDS.toNanos(sum) : DEFAULT_WAIT_NANOS;
    }
  }
}
