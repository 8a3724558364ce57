package dev.cachedhttp.internal;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CacheOptions;
import dev.cachedhttp.Expiration;
import dev.cachedhttp.spi.CachedResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cacheable call, from lookup to answer: serve fresh, serve stale while revalidating, or go
 * to the origin (coalesced with identical concurrent calls), falling back to a stale entry when
 * the origin fails and stale-if-error allows it. Used once, by one thread.
 */
final class Exchange {
  private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);
  private static final long DEFAULT_WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final CacheContext ctx;
  private final ResponseStore store;
  private final Interceptor.Chain chain;
  private final Request request;
  private final CacheOptions options;
  private final Optional<Expiration> configured;
  private final String key;

  Exchange(CacheContext ctx, ResponseStore store, Interceptor.Chain chain, CacheOptions options,
      Optional<Expiration> configured, String key) {
    this.ctx = ctx;
    this.store = store;
    this.chain = chain;
    this.request = chain.request();
    this.options = options;
    this.configured = configured;
    this.key = key;
  }

  Response run() throws IOException {
    long ticket = ctx.coalescer().ticket();
    StoredEntries.Found found = options.forceRefresh()
        ? new StoredEntries.Found(key, null, null) : ctx.entries().find(key, request);
    Decision decision = decide(found);
    switch (decision) {
      case FRESH:
        ctx.stats().hit();
        return serve(found.primaryKey(), found.response(), CacheInfo.Source.CACHE);
      case UNSATISFIABLE:
        ctx.stats().miss();
        Instant now = ctx.clock().instant();
        return ctx.mapper().unsatisfiable(request, CacheInfo.create(
            CacheInfo.Source.UNSATISFIABLE, key, now, null, false, false), now);
      case STALE_WHILE_REVALIDATE:
        ctx.stats().staleServed();
        ctx.refresher().schedule(flightKey(found), chain.call());
        return serve(found.primaryKey(), found.response(),
            CacheInfo.Source.STALE_WHILE_REVALIDATE);
      default:
        return viaOrigin(found, decision, ticket);
    }
  }

  private Decision decide(StoredEntries.Found found) {
    CachedResponse cached = found.response();
    if (BackgroundRefresher.isRefreshing()) {
      return cached != null && cached.hasValidator() ? Decision.REVALIDATE : Decision.NETWORK;
    }
    try {
      return ctx.reuse().decide(ctx.clock().instant(), request, options, cached);
    } catch (RuntimeException bug) {
      LOG.warn("cache decision failed for {}; fetching from the network",
          request.url().redact(), bug);
      return Decision.NETWORK;
    }
  }

  private Response viaOrigin(StoredEntries.Found found, Decision decision, long ticket)
      throws IOException {
    if (!ctx.settings().coalescing()) {
      return origin(found, decision).response();
    }
    return ctx.coalescer().run(flightKey(found), ticket, chain.call(), waitNanos(),
        raced -> raced ? lookAgain() : origin(found, decision),
        this::follow,
        () -> origin(found, decision).response());
  }

  /** A flight finished between this call's lookup and now: look again before going out. */
  private Coalescer.Outcome lookAgain() throws IOException {
    StoredEntries.Found found = ctx.entries().find(key, request);
    Decision decision = decide(found);
    if (decision == Decision.FRESH) {
      ctx.stats().hit();
      return new Coalescer.Outcome(serve(found.primaryKey(), found.response(),
          CacheInfo.Source.CACHE), found.response());
    }
    boolean revalidate = found.present() && found.response().hasValidator();
    return origin(found, revalidate ? Decision.REVALIDATE : Decision.NETWORK);
  }

  private Optional<Response> follow(CachedResponse shared) {
    if (!ctx.entries().fits(shared, request)) {
      return Optional.empty();
    }
    ctx.stats().coalesced();
    return Optional.of(serve(key, shared, CacheInfo.Source.COALESCED));
  }

  private Coalescer.Outcome origin(StoredEntries.Found found, Decision decision)
      throws IOException {
    boolean revalidating = decision == Decision.REVALIDATE;
    Request outgoing = revalidating ? ctx.mapper().conditional(request, found.response())
        : request;
    Instant sentAt = ctx.clock().instant();
    Response response;
    try {
      response = chain.proceed(outgoing);
    } catch (IOException failure) {
      if (mayServeOnError(found)) {
        return staleOnError(found);
      }
      throw failure;
    }
    if (response.code() >= 500 && mayServeOnError(found)) {
      response.close();
      return staleOnError(found);
    }
    ResponseStore.Target target = new ResponseStore.Target(request, key,
        found.primaryKey().equals(key) ? found.generation() : null, configured);
    if (revalidating && response.code() == 304) {
      return store.refresh(target, found, response, sentAt);
    }
    ctx.stats().miss();
    return store.store(target, response, sentAt);
  }

  private boolean mayServeOnError(StoredEntries.Found found) {
    return !BackgroundRefresher.isRefreshing() && found.present()
        && ctx.reuse().mayServeOnError(ctx.clock().instant(), request, options, found.response());
  }

  private Coalescer.Outcome staleOnError(StoredEntries.Found found) {
    ctx.stats().staleServed();
    return new Coalescer.Outcome(serve(found.primaryKey(), found.response(),
        CacheInfo.Source.STALE_IF_ERROR), null);
  }

  private Response serve(String storedKey, CachedResponse cached, CacheInfo.Source source) {
    Instant now = ctx.clock().instant();
    Instant expires = ctx.reuse().expiresFor(cached, options).orElse(null);
    CacheInfo info = CacheInfo.create(source, storedKey, cached.createdAt(), expires,
        expires != null && !now.isBefore(expires), false);
    return ctx.mapper().toResponse(cached, request, info, now);
  }

  /** Calls for different variants of one URL do not wait for each other. */
  private String flightKey(StoredEntries.Found found) {
    if (!found.present() || !Vary.varies(found.response())) {
      return key;
    }
    return key + "|" + String.join("|", new Vary(ctx.settings().ignored())
        .keyParts(Vary.names(found.response().headers()), request));
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
