package dev.cachedhttp.internal;

import dev.cachedhttp.CacheOptions;
import dev.cachedhttp.spi.CachedResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import okhttp3.Request;

/**
 * The pure decisions on the way out: whether a stored response may be served, served stale,
 * revalidated or must be refetched, for a given request at a given instant (RFC 9111 section 4,
 * RFC 5861, RFC 8246). Request directives count only with {@code cacheControl(true)}.
 * Thread-safe.
 */
public final class Reuse {
  private final Policy policy;

  /** Creates the reuse rules over {@code policy}. */
  public Reuse(Policy policy) {
    this.policy = policy;
  }

  /**
   * Decides what to do with {@code cached} (null when nothing usable is stored) for a request
   * with {@code options} at {@code now}.
   */
  public Decision decide(Instant now, Request request, CacheOptions options,
      CachedResponse cached) {
    CacheDirectives asked = policy.directives(request.headers());
    boolean onlyIfCached = options.onlyIfCached() || asked.onlyIfCached();
    if (cached == null || options.forceRefresh()) {
      return onlyIfCached ? Decision.UNSATISFIABLE : Decision.NETWORK;
    }
    if (usable(now, asked, options, cached)) {
      return Decision.FRESH;
    }
    if (onlyIfCached) {
      return Decision.UNSATISFIABLE;
    }
    if (mayServeWhileRevalidating(now, asked, options, cached)) {
      return Decision.STALE_WHILE_REVALIDATE;
    }
    return cached.hasValidator() ? Decision.REVALIDATE : Decision.NETWORK;
  }

  private boolean usable(Instant now, CacheDirectives asked, CacheOptions options,
      CachedResponse cached) {
    if (options.refresh()) {
      return false;
    }
    Duration staleness = staleness(now, cached, options);
    boolean fresh = staleness.isNegative();
    if (fresh && policy.directives(cached.headers()).immutable()) {
      return true;
    }
    if (asked.noCache() || tooOld(now, asked, cached)) {
      return false;
    }
    if (fresh) {
      return asked.minFresh() == CacheDirectives.ABSENT
          || staleness.negated().compareTo(Duration.ofSeconds(asked.minFresh())) >= 0;
    }
    return asked.maxStale() != CacheDirectives.ABSENT
        && !policy.staleForbidden(cached.headers())
        && (asked.maxStale() == CacheDirectives.ANY
            || staleness.compareTo(Duration.ofSeconds(asked.maxStale())) <= 0);
  }

  private static boolean tooOld(Instant now, CacheDirectives asked, CachedResponse cached) {
    return asked.maxAge() != CacheDirectives.ABSENT
        && Freshness.currentAge(cached, now).compareTo(Duration.ofSeconds(asked.maxAge())) > 0;
  }

  private boolean mayServeWhileRevalidating(Instant now, CacheDirectives asked,
      CacheOptions options, CachedResponse cached) {
    if (options.refresh() || asked.noCache() || asked.maxAge() != CacheDirectives.ABSENT
        || asked.minFresh() != CacheDirectives.ABSENT) {
      return false;
    }
    Duration staleness = staleness(now, cached, options);
    Duration window = policy.staleWhileRevalidateWindow(cached.headers());
    return !staleness.isNegative() && staleness.compareTo(window) < 0;
  }

  /**
   * Returns true when {@code cached} may be served instead of an origin failure (an I/O error or
   * a 5xx) at {@code now}: less than its stale-if-error window after expiry and not forbidden.
   * Like freshness, which ends at the expiry instant, a stale window ends at its last instant.
   */
  public boolean mayServeOnError(Instant now, Request request, CacheOptions options,
      CachedResponse cached) {
    if (cached == null) {
      return false;
    }
    Duration window = policy.staleIfErrorWindow(request, cached.headers());
    return staleness(now, cached, options).compareTo(window) < 0;
  }

  /**
   * Returns when {@code cached} stops being fresh for a request with {@code options}: the stored
   * expiry when, with {@code cacheControl(true)}, the response states its freshness; otherwise a
   * per-request expiration replaces the stored one for this read.
   */
  public Optional<Instant> expiresFor(CachedResponse cached, CacheOptions options) {
    if (options.expiration().isEmpty() || statesFreshness(cached)) {
      return cached.expires();
    }
    return options.expiration().get().expiresAt(cached.createdAt());
  }

  private boolean statesFreshness(CachedResponse cached) {
    CacheDirectives directives = policy.directives(cached.headers());
    return policy.settings().cacheControl() && (directives.noCache()
        || Freshness.hasExplicitLifetime(cached.headers(), directives));
  }

  /** How long {@code cached} has been stale at {@code now}; negative while it is fresh. */
  private Duration staleness(Instant now, CachedResponse cached, CacheOptions options) {
    return expiresFor(cached, options)
        .map(expires -> Duration.between(expires, now))
        .orElse(Duration.ofSeconds(Long.MIN_VALUE / 2));
  }
}
