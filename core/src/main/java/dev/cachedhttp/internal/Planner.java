package dev.cachedhttp.internal;

import dev.cachedhttp.CacheOptions;
import dev.cachedhttp.spi.CachedResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import okhttp3.Request;

/**
 * The one decision of a cacheable call: a pure function of the instant, the request, its options
 * and what was found stored, returning the {@link Plan} that {@link CacheInterceptor} carries out (RFC
 * 9111 section 4, RFC 5861, RFC 8246). Request directives count only with {@code
 * cacheControl(true)}. Thread-safe.
 */
final class Planner {
  private final Policy policy;

  /** Creates the planner over {@code policy}. */
  public Planner(Policy policy) {
    this.policy = policy;
  }

  /**
   * Plans a call.
   *
   * @param now the instant of the decision
   * @param request the caller's request
   * @param options the request's {@code CacheOptions}
   * @param cached the stored response usable for the request as far as its key and {@code Vary}
   *     go, or null when there is none; a stored 206 counts only for a request it answers ({@link
   *     PartialContent}), and a GET of the whole representation may ask for the rest of it
   * @param backgroundRefresh true when the call is a background refresh of the cache's own: it always
   *     goes to the origin (conditionally when it can) and never falls back to stale
   */
  public Plan plan(Instant now, Request request, CacheOptions options, CachedResponse cached,
      boolean backgroundRefresh) {
    if (cached != null && !PartialContent.usableFor(cached, request)) {
      Plan plan = plan(now, request, options, null, backgroundRefresh);
      boolean completes = plan.action() == Plan.Action.FETCH
          && PartialContent.completable(cached, request, policy.settings().maxBodyBytes());
      return completes ? Plan.complete(cached) : plan;
    }
    if (backgroundRefresh) {
      return Plan.fetch(validatable(request, cached));
    }
    CacheDirectives asked = policy.directives(request.headers());
    boolean onlyIfCached = options.onlyIfCached() || asked.onlyIfCached();
    if (cached == null) {
      return onlyIfCached ? Plan.unsatisfiable() : Plan.fetch(null);
    }
    if (usable(now, asked, options, cached)) {
      return Conditions.notModified(request, cached) ? Plan.notModified(cached)
          : Plan.serve(cached);
    }
    if (onlyIfCached) {
      return Plan.unsatisfiable();
    }
    if (mayServeWhileRevalidating(now, asked, options, cached)) {
      return Plan.serveStaleAndRefresh(cached);
    }
    if (mayServeOnError(now, request, options, cached)) {
      return Plan.fetch(validatable(request, cached), cached, true);
    }
    CachedResponse disconnected = mayServeDisconnected(asked, cached) ? cached : null;
    return Plan.fetch(validatable(request, cached), disconnected, false);
  }

  /**
   * True when, with {@code cacheControl(true)}, {@code cached} may be served stale because the
   * origin cannot be reached (RFC 9111 section 4.2.4: a disconnected cache may serve stale unless
   * the response forbids it). Not when the request itself insists on a fresh answer.
   */
  private boolean mayServeDisconnected(CacheDirectives asked, CachedResponse cached) {
    return policy.settings().cacheControl() && !policy.staleForbidden(cached.headers())
        && !asked.noCache() && asked.maxAge() != 0;
  }

  /**
   * The stored response the cache may validate with its own conditional request: one with a
   * validator, unless the caller sent conditions of its own, which go to the origin as they are.
   * A caller's range goes as it is too, with the cache's conditions when a complete 200 is
   * stored: a 304 then refreshes it and the range is served from it, and the complete response
   * is not replaced by a partial one.
   */
  private static CachedResponse validatable(Request request, CachedResponse cached) {
    if (cached == null || !cached.hasValidator() || Conditions.hasConditions(request)
        || request.header("Range") != null && cached.status() != 200) {
      return null;
    }
    return cached;
  }

  private boolean usable(Instant now, CacheDirectives asked, CacheOptions options,
      CachedResponse cached) {
    if (options.refresh()) {
      return false;
    }
    Instant expires = expiresFor(cached, options).orElse(null);
    boolean fresh = expires == null || now.isBefore(expires);
    if (fresh && policy.settings().cacheControl()
        && StoredFacts.of(cached).directives().immutable()) {
      return true;
    }
    if (asked.noCache() || tooOld(now, asked, cached)) {
      return false;
    }
    if (fresh) {
      return asked.minFresh() == CacheDirectives.ABSENT || expires == null
          || Duration.between(now, expires).compareTo(Duration.ofSeconds(asked.minFresh())) >= 0;
    }
    Duration staleness = Duration.between(expires, now);
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
   * True when {@code cached} may be served instead of an origin failure (an I/O error or a 5xx)
   * at {@code now}: less than its stale-if-error window after expiry and not forbidden. Like
   * freshness, which ends at the expiry instant, a stale window ends at its last instant.
   */
  private boolean mayServeOnError(Instant now, Request request, CacheOptions options,
      CachedResponse cached) {
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
    if (!policy.settings().cacheControl()) {
      return false;
    }
    StoredFacts facts = StoredFacts.of(cached);
    return facts.directives().noCache() || facts.explicitLifetime();
  }

  /** How long {@code cached} has been stale at {@code now}; negative while it is fresh. */
  private Duration staleness(Instant now, CachedResponse cached, CacheOptions options) {
    return expiresFor(cached, options)
        .map(expires -> Duration.between(expires, now))
        .orElse(Duration.ofSeconds(Long.MIN_VALUE / 2));
  }
}
