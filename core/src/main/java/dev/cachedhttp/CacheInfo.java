package dev.cachedhttp;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import okhttp3.Response;

/**
 * What the cache did for one response: whether it came from the cache, when it was stored, when
 * it expires and under which key. Read it with {@link #of(Response)}.
 *
 * <p>Immutable and thread-safe; only {@link #stored()} of a miss whose body is still streaming
 * to the caller changes, once, when the body is stored.
 */
public final class CacheInfo {

  /** How a response was produced. */
  public enum Source {
    /** Served from the cache without contacting the origin. */
    CACHE,
    /** Stored response confirmed by the origin with 304 Not Modified, then served from cache. */
    REVALIDATED,
    /** Stale stored response served because the origin failed (stale-if-error). */
    STALE_IF_ERROR,
    /** Stale stored response served while it is refreshed in the background. */
    STALE_WHILE_REVALIDATE,
    /**
     * Answered from the response a concurrent identical request fetched from the origin (request
     * coalescing); this call sent no request of its own.
     */
    COALESCED,
    /** Fetched from the network (and stored when storable). */
    NETWORK,
    /** Fetched from the network without consulting the cache (skipped or not cacheable). */
    BYPASS,
    /** Synthetic 504: only-if-cached and nothing usable was stored. */
    UNSATISFIABLE
  }

  private final Source source;
  private final String cacheKey;
  private final Instant createdAt;
  private final Instant expires;
  private final boolean expired;
  private final boolean stored;
  private final BooleanSupplier storedLater;
  private final boolean fromNearCache;

  private CacheInfo(Source source, String cacheKey, Instant createdAt, Instant expires,
      boolean expired, boolean stored, boolean fromNearCache) {
    this(source, cacheKey, createdAt, expires, expired, stored, null, fromNearCache);
  }

  private CacheInfo(Source source, String cacheKey, Instant createdAt, Instant expires,
      boolean expired, boolean stored, BooleanSupplier storedLater, boolean fromNearCache) {
    this.source = Objects.requireNonNull(source, "source");
    this.cacheKey = cacheKey == null ? "" : cacheKey;
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.expires = expires;
    this.expired = expired;
    this.stored = stored;
    this.storedLater = storedLater;
    this.fromNearCache = fromNearCache;
  }

  /**
   * Creates an info object; for use by the cache itself and by tests.
   *
   * @param source how the response was produced
   * @param cacheKey the key the request maps to; empty when none was computed
   * @param createdAt when the served response was originally received
   * @param expires when it stops being fresh, or null for never
   * @param expired whether it was already stale when served
   * @param stored whether this call wrote the response to the cache
   */
  public static CacheInfo create(Source source, String cacheKey, Instant createdAt,
      Instant expires, boolean expired, boolean stored) {
    return new CacheInfo(source, cacheKey, createdAt, expires, expired, stored, false);
  }

  /**
   * Creates an info object that also says whether the near cache answered; for use by the cache
   * itself and by tests.
   *
   * @param fromNearCache whether the stored response came from the near cache (see {@code
   *     CachedClient.Builder.nearCache}) rather than the backend
   */
  public static CacheInfo create(Source source, String cacheKey, Instant createdAt,
      Instant expires, boolean expired, boolean stored, boolean fromNearCache) {
    return new CacheInfo(source, cacheKey, createdAt, expires, expired, stored, fromNearCache);
  }

  /**
   * Creates the info of a miss whose body is stored once the caller has read it: {@link
   * #stored()} asks {@code storedYet}; for use by the cache itself and by tests.
   *
   * @param storedYet whether the streamed body has been stored by now
   */
  public static CacheInfo streaming(String cacheKey, Instant createdAt, Instant expires,
      boolean expired, BooleanSupplier storedYet) {
    return new CacheInfo(Source.NETWORK, cacheKey, createdAt, expires, expired, false,
        Objects.requireNonNull(storedYet, "storedYet"), false);
  }

  /**
   * Returns the cache info of a response that went through a cachedhttp interceptor.
   *
   * @throws IllegalArgumentException when the response did not go through one
   */
  public static CacheInfo of(Response response) {
    return find(response).orElseThrow(() -> new IllegalArgumentException(
        "response to " + response.request().url().redact()
            + " did not pass through a cachedhttp interceptor"));
  }

  /** Returns the cache info of a response, or empty when it did not go through the cache. */
  public static Optional<CacheInfo> find(Response response) {
    Objects.requireNonNull(response, "response");
    return Optional.ofNullable(response.request().tag(CacheInfo.class));
  }

  /** How the response was produced. */
  public Source source() {
    return source;
  }

  /**
   * True when the body came from the cache (fresh hit, revalidated, stale served, or shared from a
   * coalesced request) rather than from an origin response to this call.
   */
  public boolean fromCache() {
    return source == Source.CACHE || source == Source.REVALIDATED
        || source == Source.STALE_IF_ERROR || source == Source.STALE_WHILE_REVALIDATE
        || source == Source.COALESCED;
  }

  /** True when the stored response was confirmed by the origin with 304 Not Modified. */
  public boolean revalidated() {
    return source == Source.REVALIDATED;
  }

  /**
   * True when the stored response this call used came from the near cache, without a request to
   * the backend.
   */
  public boolean fromNearCache() {
    return fromNearCache;
  }

  /**
   * True when this call wrote the response to the cache. A miss's body streams to the caller and
   * is stored once read to its end (or to its {@code Content-Length}): until then this is false.
   */
  public boolean stored() {
    return storedLater != null ? storedLater.getAsBoolean() : stored;
  }

  /** When the served response was received from the origin. */
  public Instant createdAt() {
    return createdAt;
  }

  /** When the response stops being fresh; empty when it never expires. */
  public Optional<Instant> expires() {
    return Optional.ofNullable(expires);
  }

  /** True when the response was already stale when it was served. */
  public boolean isExpired() {
    return expired;
  }

  /**
   * The key the served response is stored under (for a hit through a redirect alias, the key of
   * the original request of the chain), or the request's own key for network responses; empty
   * when the request was not keyed (bypassed).
   */
  public String cacheKey() {
    return cacheKey;
  }

  @Override
  public String toString() {
    return "CacheInfo{" + source + ", key=" + cacheKey + ", createdAt=" + createdAt
        + ", expires=" + (expires == null ? "never" : expires) + (expired ? ", expired" : "")
        + (stored() ? ", stored" : "") + (fromNearCache ? ", near cache" : "") + "}";
  }
}
