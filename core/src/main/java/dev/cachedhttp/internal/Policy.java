package dev.cachedhttp.internal;

import dev.cachedhttp.CacheOptions;
import dev.cachedhttp.Expiration;
import dev.cachedhttp.spi.CachedResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import okhttp3.CacheControl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The pure caching decisions: which expiration applies to a request, whether a stored response
 * can be served, revalidated or must be refetched, and whether and until when a network response
 * is stored. Every method is a function of its arguments. Thread-safe.
 *
 * <p>Expiration precedence, highest first: request {@code Cache-Control} directives and response
 * freshness headers (only with {@code cacheControl(true)}), the per-request {@link CacheOptions}
 * expiration, the first matching {@code urlsExpireAfter} pattern, the global {@code expireAfter}.
 */
public final class Policy {
  private static final java.util.List<String> CONDITIONAL_HEADERS = java.util.List.of(
      "If-None-Match", "If-Modified-Since", "If-Match", "If-Unmodified-Since", "If-Range");

  private final Settings settings;

  /** Creates a policy for {@code settings}. */
  public Policy(Settings settings) {
    this.settings = settings;
  }

  /** The settings this policy decides by. */
  public Settings settings() {
    return settings;
  }

  /**
   * Returns the expiration that applies to {@code request}: per-request option, else first
   * matching URL pattern, else the global setting.
   */
  public Expiration expirationFor(Request request, CacheOptions options) {
    if (options.expiration().isPresent()) {
      return options.expiration().get();
    }
    if (!settings.urlRules().isEmpty()) {
      String url = withoutScheme(request);
      for (Settings.UrlRule rule : settings.urlRules()) {
        if (rule.pattern().matches(url)) {
          return rule.expiration();
        }
      }
    }
    return settings.expiration();
  }

  private static String withoutScheme(Request request) {
    String url = request.url().toString();
    return url.substring(url.indexOf("://") + 3);
  }

  /**
   * Returns true when the cache takes part in {@code request} at all: not skipped, an allowed
   * method, not {@link Expiration#DO_NOT_CACHE}, no conditional headers of the caller's own and,
   * with {@code cacheControl(true)}, no {@code no-store} request directive.
   */
  public boolean usesCache(Request request, CacheOptions options, Expiration expiration) {
    if (options.skip() || !expiration.isCacheable()) {
      return false;
    }
    if (!settings.allowableMethods().contains(request.method().toUpperCase(Locale.ROOT))) {
      return false;
    }
    for (String name : CONDITIONAL_HEADERS) {
      if (request.header(name) != null) {
        return false;
      }
    }
    return !(settings.cacheControl() && request.cacheControl().noStore());
  }

  /**
   * Decides what to do with {@code cached} (null when nothing is stored) for a request with
   * {@code options} at {@code now}.
   */
  public Decision decide(Instant now, Request request, CacheOptions options,
      CachedResponse cached) {
    if (cached == null || options.forceRefresh()) {
      return options.onlyIfCached() ? Decision.UNSATISFIABLE : Decision.NETWORK;
    }
    boolean mustRevalidate = options.refresh()
        || (settings.cacheControl() && request.cacheControl().noCache());
    if (!mustRevalidate && isFresh(now, cached, options)) {
      return Decision.FRESH;
    }
    if (options.onlyIfCached()) {
      return Decision.UNSATISFIABLE;
    }
    return cached.hasValidator() ? Decision.REVALIDATE : Decision.NETWORK;
  }

  /**
   * Returns when {@code cached} stops being fresh for a request with {@code options}: a
   * per-request expiration replaces the stored one for this read.
   */
  public Optional<Instant> expiresFor(CachedResponse cached, CacheOptions options) {
    return options.expiration()
        .map(expiration -> expiration.expiresAt(cached.createdAt()))
        .orElseGet(cached::expires);
  }

  private boolean isFresh(Instant now, CachedResponse cached, CacheOptions options) {
    return expiresFor(cached, options).map(now::isBefore).orElse(true);
  }

  /**
   * Returns true when {@code response} may be stored: an allowed status, not {@code no-store}
   * (with {@code cacheControl(true)}), a validator when the expiration is {@link
   * Expiration#IMMEDIATELY}, and accepted by the user's filter.
   */
  public boolean storable(Request request, Response response, Expiration expiration,
      Instant expires, Instant now) {
    if (!settings.allowableCodes().contains(response.code())) {
      return false;
    }
    if (settings.cacheControl()
        && (response.cacheControl().noStore() || request.cacheControl().noStore())) {
      return false;
    }
    boolean staleAtOnce = expires != null && !expires.isAfter(now);
    boolean hasValidator = response.header("ETag") != null
        || response.header("Last-Modified") != null;
    if ((expiration.kind() == Expiration.Kind.IMMEDIATELY || staleAtOnce) && !hasValidator) {
      return false;
    }
    return settings.filter().test(response);
  }

  /**
   * Returns when a response received at {@code receivedAt} stops being fresh (null for never):
   * with {@code cacheControl(true)}, {@code no-cache}, {@code max-age} or {@code Expires} of the
   * response take precedence; otherwise {@code expiration} decides.
   */
  public Instant expiresAt(Response response, Expiration expiration, Instant receivedAt) {
    if (settings.cacheControl()) {
      Optional<Instant> fromHeaders = headerFreshness(response, receivedAt);
      if (fromHeaders.isPresent()) {
        return fromHeaders.get();
      }
    }
    return expiration.expiresAt(receivedAt).orElse(null);
  }

  private static Optional<Instant> headerFreshness(Response response, Instant receivedAt) {
    CacheControl cc = response.cacheControl();
    if (cc.noCache()) {
      return Optional.of(receivedAt);
    }
    if (cc.maxAgeSeconds() >= 0) {
      return Optional.of(receivedAt.plusSeconds(cc.maxAgeSeconds()));
    }
    Date expires = response.headers().getDate("Expires");
    if (response.header("Expires") != null) {
      if (expires == null) {
        return Optional.of(receivedAt);
      }
      Date date = response.headers().getDate("Date");
      Duration lifetime = date == null ? Duration.between(receivedAt, expires.toInstant())
          : Duration.between(date.toInstant(), expires.toInstant());
      return Optional.of(lifetime.isNegative() ? receivedAt : receivedAt.plus(lifetime));
    }
    return Optional.empty();
  }

  /**
   * Returns when the storage may delete an entry fresh until {@code expires}: never when it never
   * expires; with a validator, the revalidation window later; otherwise at {@code expires}.
   */
  public Instant storageExpiry(Instant expires, boolean hasValidator) {
    if (expires == null) {
      return null;
    }
    return hasValidator ? expires.plus(settings.revalidationWindow()) : expires;
  }
}
