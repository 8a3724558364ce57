package dev.cachedhttp.internal;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CacheOptions;
import dev.cachedhttp.Expiration;
import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.CachedResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caching interceptor: looks the request up, serves, revalidates or fetches, stores what is
 * storable and tags every response with {@link CacheInfo}. Install it as an application
 * interceptor so redirects are followed below it. A failure of the cache itself never fails the
 * call: the request then goes to the network as if there were no cache. Thread-safe.
 */
public final class CacheInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(CacheInterceptor.class);

  private final Policy policy;
  private final Keys keys;
  private final GuardedBackend storage;
  private final ResponseMapper mapper;
  private final StatsRecorder stats;
  private final Clock clock;
  private final long maxBodyBytes;

  /** Creates the interceptor for {@code settings} over {@code storage}. */
  public CacheInterceptor(Settings settings, Keys keys, GuardedBackend storage,
      StatsRecorder stats) {
    this.policy = new Policy(settings);
    this.keys = keys;
    this.storage = storage;
    this.mapper = new ResponseMapper(new Redactor(settings.ignored()));
    this.stats = stats;
    this.clock = settings.clock();
    this.maxBodyBytes = Math.min(settings.maxBodyBytes(), storage.backend().maxBodyBytes());
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    CacheOptions options = CacheOptions.of(request);
    Expiration expiration;
    Optional<String> key;
    try {
      expiration = policy.expirationFor(request, options);
      key = policy.usesCache(request, options, expiration) ? keys.of(request) : Optional.empty();
    } catch (RuntimeException bug) {
      LOG.warn("cache could not key {} {}; sending it uncached", request.method(),
          request.url().redact(), bug);
      return bypass(chain, request);
    }
    if (key.isEmpty()) {
      return bypass(chain, request);
    }
    return new Exchange(chain, request, options, expiration, key.get()).run();
  }

  private Response bypass(Chain chain, Request request) throws IOException {
    stats.bypassed();
    Response response = chain.proceed(request);
    CacheInfo info = CacheInfo.create(CacheInfo.Source.BYPASS, "", clock.instant(), null,
        false, false);
    return mapper.tag(response, info);
  }

  /** One cacheable call, from lookup to stored response. */
  private final class Exchange {
    private final Chain chain;
    private final Request request;
    private final CacheOptions options;
    private final Expiration expiration;
    private final String key;

    Exchange(Chain chain, Request request, CacheOptions options, Expiration expiration,
        String key) {
      this.chain = chain;
      this.request = request;
      this.options = options;
      this.expiration = expiration;
      this.key = key;
    }

    Response run() throws IOException {
      Backend.Lookup found = options.forceRefresh() ? null : storage.lookup(key).orElse(null);
      CachedResponse cached = found == null ? null : found.response();
      Instant now = clock.instant();
      Decision decision;
      try {
        decision = policy.decide(now, request, options, cached);
      } catch (RuntimeException bug) {
        LOG.warn("cache decision failed for {}; fetching from the network",
            request.url().redact(), bug);
        decision = Decision.NETWORK;
      }
      switch (decision) {
        case FRESH:
          stats.hit();
          return serve(found.key(), cached, CacheInfo.Source.CACHE, now, false);
        case UNSATISFIABLE:
          stats.miss();
          return mapper.unsatisfiable(request, info(CacheInfo.Source.UNSATISFIABLE, now, null,
              false), now);
        case REVALIDATE:
          return revalidate(found);
        case NETWORK:
        default:
          stats.miss();
          return fetch(request);
      }
    }

    private Response serve(String storedKey, CachedResponse cached, CacheInfo.Source source,
        Instant now, boolean stored) {
      Instant expires = policy.expiresFor(cached, options).orElse(null);
      CacheInfo info = CacheInfo.create(source, storedKey, cached.createdAt(), expires,
          expires != null && !now.isBefore(expires), stored);
      return mapper.toResponse(cached, request, info, now);
    }

    private CacheInfo info(CacheInfo.Source source, Instant createdAt, Instant expires,
        boolean stored) {
      boolean expired = expires != null && !clock.instant().isBefore(expires);
      return CacheInfo.create(source, key, createdAt, expires, expired, stored);
    }

    private Response revalidate(Backend.Lookup found) throws IOException {
      CachedResponse cached = found.response();
      Instant sentAt = clock.instant();
      Response response = chain.proceed(mapper.conditional(request, cached));
      if (response.code() != 304) {
        stats.miss();
        return store(response, sentAt);
      }
      Instant receivedAt = clock.instant();
      response.close();
      Instant expires = policy.expiresAt(response, expiration, receivedAt);
      CachedResponse refreshed = mapper.refreshed(cached, response, sentAt, receivedAt, expires);
      boolean stored = storage.put(found.key(), refreshed,
          policy.storageExpiry(expires, refreshed.hasValidator()));
      stats.revalidation();
      return serve(found.key(), refreshed, CacheInfo.Source.REVALIDATED, receivedAt, stored);
    }

    private Response fetch(Request networkRequest) throws IOException {
      Instant sentAt = clock.instant();
      return store(chain.proceed(networkRequest), sentAt);
    }

    private Response store(Response response, Instant sentAt) throws IOException {
      Instant receivedAt = clock.instant();
      Instant expires;
      boolean storable;
      try {
        expires = policy.expiresAt(response, expiration, receivedAt);
        storable = policy.storable(request, response, expiration, expires, receivedAt);
      } catch (RuntimeException bug) {
        LOG.warn("cache could not judge the response of {}; not storing it",
            request.url().redact(), bug);
        expires = null;
        storable = false;
      }
      if (!storable) {
        stats.writeSkipped();
        return mapper.tag(response, info(CacheInfo.Source.NETWORK, receivedAt, null, false));
      }
      Optional<ByteString> body = bufferBody(response);
      if (body.isEmpty()) {
        stats.writeSkipped();
        return mapper.tag(response, info(CacheInfo.Source.NETWORK, receivedAt, null, false));
      }
      Response buffered = response.newBuilder()
          .body(ResponseBody.create(body.get(), response.body().contentType()))
          .build();
      boolean stored = write(response, body.get(), sentAt, receivedAt, expires);
      return mapper.tag(buffered, info(CacheInfo.Source.NETWORK, receivedAt, expires, stored));
    }

    /**
     * Reads the whole body when it fits the limit. A larger body is left unread in the
     * response's source (only a peek of limit + 1 bytes is buffered) so it streams to the caller.
     */
    private Optional<ByteString> bufferBody(Response response) throws IOException {
      if ("HEAD".equalsIgnoreCase(request.method())) {
        response.body().close();
        return Optional.of(ByteString.EMPTY);
      }
      ResponseBody body = response.body();
      if (body.contentLength() > maxBodyBytes) {
        return Optional.empty();
      }
      BufferedSource source = body.source();
      if (source.request(maxBodyBytes + 1)) {
        return Optional.empty();
      }
      ByteString bytes = source.readByteString();
      body.close();
      return Optional.of(bytes);
    }

    private boolean write(Response response, ByteString body, Instant sentAt, Instant receivedAt,
        Instant expires) {
      CachedResponse document;
      try {
        document = mapper.toDocument(request, response, body, sentAt, receivedAt, expires);
      } catch (RuntimeException bug) {
        LOG.warn("cache could not build a document for {}; not storing it",
            request.url().redact(), bug);
        stats.writeSkipped();
        return false;
      }
      Instant storageExpiry = policy.storageExpiry(expires, document.hasValidator());
      boolean stored = storage.put(key, document, storageExpiry);
      if (stored && response.priorResponse() != null) {
        writeAliases(response, storageExpiry);
      }
      return stored;
    }

    private void writeAliases(Response response, Instant storageExpiry) {
      for (Request hop : ResponseMapper.hopRequests(response)) {
        Optional<String> alias;
        try {
          alias = keys.of(hop);
        } catch (RuntimeException bug) {
          alias = Optional.empty();
        }
        if (alias.isPresent() && !alias.get().equals(key)) {
          storage.putAlias(alias.get(), key, storageExpiry);
        }
      }
    }
  }
}
