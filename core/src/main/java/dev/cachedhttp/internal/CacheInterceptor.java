package dev.cachedhttp.internal;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CacheOptions;
import dev.cachedhttp.Expiration;
import java.io.IOException;
import java.util.Optional;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caching interceptor: plans the call (options, expiration, key), hands cacheable calls to an
 * {@link Exchange}, passes the others through, invalidates after unsafe methods and tags every
 * response with {@link CacheInfo}. Install it as an application interceptor so redirects are
 * followed below it. A failure of the cache itself never fails the call: the request then goes to
 * the network as if there were no cache. Thread-safe.
 */
public final class CacheInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(CacheInterceptor.class);

  private final CacheContext ctx;
  private final ResponseStore store;
  private final Invalidator invalidator;

  /** Creates the interceptor over {@code ctx}. */
  public CacheInterceptor(CacheContext ctx) {
    this.ctx = ctx;
    this.store = new ResponseStore(ctx);
    this.invalidator = new Invalidator(ctx);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Response response = handle(chain, request);
    if (Invalidator.unsafe(request.method()) && cameFromOrigin(response)) {
      try {
        invalidator.after(request, response);
      } catch (RuntimeException bug) {
        LOG.warn("cache could not invalidate after {} {}", request.method(),
            request.url().redact(), bug);
      }
    }
    return response;
  }

  private Response handle(Chain chain, Request request) throws IOException {
    CacheOptions options = CacheOptions.of(request);
    Optional<Expiration> configured;
    Optional<String> key;
    try {
      configured = ctx.policy().configuredExpiration(request, options);
      boolean uses = ctx.policy().usesCache(request, options,
          configured.orElse(Expiration.NEVER));
      key = uses ? ctx.keys().of(request) : Optional.empty();
    } catch (RuntimeException bug) {
      LOG.warn("cache could not key {} {}; sending it uncached", request.method(),
          request.url().redact(), bug);
      return bypass(chain, request);
    }
    if (key.isEmpty()) {
      return bypass(chain, request);
    }
    return new Exchange(ctx, store, chain, options, configured, key.get()).run();
  }

  private Response bypass(Chain chain, Request request) throws IOException {
    ctx.stats().bypassed();
    Response response = chain.proceed(request);
    CacheInfo info = CacheInfo.create(CacheInfo.Source.BYPASS, "", ctx.clock().instant(), null,
        false, false);
    return ctx.mapper().tag(response, info);
  }

  private static boolean cameFromOrigin(Response response) {
    CacheInfo.Source source = CacheInfo.find(response).map(CacheInfo::source).orElse(null);
    return source == CacheInfo.Source.NETWORK || source == CacheInfo.Source.BYPASS;
  }
}
