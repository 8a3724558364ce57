package dev.cachedhttp.internal;

import dev.cachedhttp.CacheListener;
import dev.cachedhttp.CacheOptions;
import dev.cachedhttp.Expiration;
import dev.cachedhttp.spi.Storage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The pure decisions on the way in: which expiration applies to a request, whether and until
 * when a network response is stored, and how long the storage keeps it. Every method is a
 * function of its arguments and the settings. Thread-safe. {@link Planner} makes the decisions on
 * the way out.
 *
 * <p>Freshness precedence, highest first: with {@code cacheControl(true)}, the request's {@code
 * Cache-Control} directives and the response's explicit freshness ({@code no-cache}, {@code
 * max-age}, {@code Expires}); then the per-request {@link CacheOptions} expiration; then the first
 * matching {@code urlsExpireAfter} pattern; then {@code expireAfter} when it was set; then, with
 * {@code cacheControl(true)} only, heuristic freshness, and otherwise stale at once (stored only
 * with a validator). Without {@code cacheControl(true)} the final fallback is {@link
 * Expiration#NEVER}.
 */
final class Policy {
  private static final List<String> PASSED_THROUGH_CONDITIONS =
      List.of("If-Match", "If-Unmodified-Since", "If-Range");
  /** The status codes stored without {@code cacheControl(true)} when the user named none. */
  private static final Set<Integer> PLAIN_MODE_CODES = Set.of(200);

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
   * Returns the expiration the user configured for {@code request}: per-request option, else the
   * first matching URL pattern, else {@code expireAfter} when it was set; empty otherwise.
   */
  public Optional<Expiration> configuredExpiration(Request request, CacheOptions options) {
    if (options.expiration().isPresent()) {
      return options.expiration();
    }
    if (!settings.urlRules().isEmpty()) {
      String url = request.url().toString();
      String withoutScheme = url.substring(url.indexOf("://") + 3);
      for (Settings.UrlRule rule : settings.urlRules()) {
        if (rule.pattern().matches(withoutScheme)) {
          return Optional.of(rule.expiration());
        }
      }
    }
    return settings.expiration();
  }

  /**
   * Returns true when the cache takes part in {@code request} at all: not skipped, an allowed
   * method, not {@link Expiration#DO_NOT_CACHE}, and no precondition the cache does not evaluate
   * ({@code If-Match}, {@code If-Unmodified-Since}, {@code If-Range}: those requests pass through
   * untouched). {@code If-None-Match} and {@code If-Modified-Since} are answered from a fresh
   * stored response (see {@link Planner}).
   */
  public boolean usesCache(Request request, CacheOptions options, Expiration expiration) {
    if (options.skip() || !expiration.isCacheable()) {
      return false;
    }
    if (!settings.allowableMethods().contains(request.method())) {
      return false;
    }
    for (String name : PASSED_THROUGH_CONDITIONS) {
      if (request.header(name) != null) {
        return false;
      }
    }
    return true;
  }

  /** The response directives that count: none unless {@code cacheControl(true)}. */
  public CacheDirectives directives(Headers headers) {
    return settings.cacheControl() ? CacheDirectives.of(headers) : CacheDirectives.NONE;
  }

  /**
   * Returns when a response with {@code status} and {@code headers}, received at {@code
   * receivedAt} for a request sent at {@code sentAt}, stops being fresh (null for never),
   * following the precedence described on this class.
   */
  public Instant expiresAt(int status, Headers headers, Optional<Expiration> configured,
      Instant sentAt, Instant receivedAt) {
    if (!settings.cacheControl()) {
      return configured.orElse(Expiration.NEVER).expiresAt(receivedAt).orElse(null);
    }
    CacheDirectives directives = CacheDirectives.of(headers);
    if (directives.noCache()) {
      return receivedAt;
    }
    Optional<Duration> explicit = Freshness.explicitLifetime(headers, directives, receivedAt);
    if (explicit.isPresent()) {
      return lifetimeEnd(headers, explicit.get(), sentAt, receivedAt);
    }
    if (configured.isPresent()) {
      return configured.get().expiresAt(receivedAt).orElse(null);
    }
    return Freshness.heuristicLifetime(status, headers, directives, receivedAt)
        .map(lifetime -> lifetimeEnd(headers, lifetime, sentAt, receivedAt))
        .orElse(receivedAt);
  }

  private static Instant lifetimeEnd(Headers headers, Duration lifetime, Instant sentAt,
      Instant receivedAt) {
    Duration age = Freshness.correctedInitialAge(headers, sentAt, receivedAt);
    return receivedAt.plus(lifetime).minus(age);
  }

  /**
   * Returns true when {@code response} may be stored, before the user's filter has its say:
   * never a 304 or a {@code Vary: *} response, nor an interim one, nor a 206 but one to a request
   * for one byte range that describes its range ({@link PartialContent#storable}); a status the user
   * allowed (without {@code cacheControl(true)}, 200 when the user named none); with {@code
   * cacheControl(true)} no {@code no-store} in request or response and, unless the user named
   * the statuses, one that RFC 9111 section 3 allows: explicit freshness or {@code public} for
   * any final status, else a heuristically cacheable status; and a validator or a stale window
   * when it is stale at once.
   */
  public boolean storable(Request request, Response response, Instant expires, Instant now) {
    return whyNotStorable(request, response, expires, now) == null;
  }

  /**
   * Returns why {@code response} may not be stored (see {@link #storable}), or null when it may.
   */
  public CacheListener.NotStoredReason whyNotStorable(Request request, Response response,
      Instant expires, Instant now) {
    int code = response.code();
    boolean partial = code == 206 && !PartialContent.storable(request, response);
    if (code < 200 || partial || code == 304 || Vary.isStar(response.headers())) {
      return CacheListener.NotStoredReason.NOT_STORABLE;
    }
    Optional<Set<Integer>> allowed = settings.allowableCodes();
    if (allowed.isPresent() ? !allowed.get().contains(code)
        : !settings.cacheControl() && !PLAIN_MODE_CODES.contains(code)) {
      return CacheListener.NotStoredReason.STATUS_NOT_ALLOWED;
    }
    if (settings.cacheControl()) {
      CacheListener.NotStoredReason byHeaders = whyNotStorableByHeaders(request, response);
      if (byHeaders != null) {
        return byHeaders;
      }
    }
    boolean staleAtOnce = Storage.isExpired(expires, now);
    boolean hasValidator = response.header("ETag") != null
        || response.header("Last-Modified") != null;
    return !staleAtOnce || hasValidator || !staleWindow(response.headers()).isZero() ? null
        : CacheListener.NotStoredReason.STALE_WITHOUT_VALIDATOR;
  }

  /**
   * RFC 9111 section 3 and 5.2.2.3: {@code must-understand} stores only statuses whose caching
   * rules the cache knows, and for those it overrides the response's {@code no-store}.
   */
  private static CacheListener.NotStoredReason whyNotStorableByHeaders(Request request,
      Response response) {
    CacheDirectives directives = CacheDirectives.of(response.headers());
    if (directives.mustUnderstand() && !Freshness.UNDERSTOOD_STATUSES.contains(response.code())) {
      return CacheListener.NotStoredReason.NOT_STORABLE;
    }
    boolean noStore = directives.noStore() && !directives.mustUnderstand();
    if (noStore || CacheDirectives.of(request.headers()).noStore()) {
      return CacheListener.NotStoredReason.NOT_STORABLE;
    }
    boolean storable = Freshness.heuristicallyCacheable(response.code())
        || directives.isPublic() || Freshness.hasExplicitLifetime(response.headers(), directives);
    return storable ? null : CacheListener.NotStoredReason.STATUS_NOT_ALLOWED;
  }

  /**
   * Returns when the storage may delete an entry fresh until {@code expires} (null: never): after
   * the longest window in which it may still be used stale or revalidated. The revalidation
   * window applies to entries with a validator and, with {@code cacheControl(true)}, to every
   * entry that may be used stale (by a request's {@code max-stale}, or when the origin cannot be
   * reached).
   */
  public Instant storageExpiry(Instant expires, Headers headers, boolean hasValidator) {
    if (expires == null) {
      return null;
    }
    boolean reusable = hasValidator || settings.cacheControl() && !staleForbidden(headers);
    Duration keep = reusable ? settings.revalidationWindow() : Duration.ZERO;
    Duration stale = staleWindow(headers);
    return Instants.plusSaturating(expires, keep.compareTo(stale) >= 0 ? keep : stale);
  }

  private Duration staleWindow(Headers headers) {
    Duration ifError = staleIfErrorWindow(null, headers);
    Duration whileRevalidating = staleWhileRevalidateWindow(headers);
    return ifError.compareTo(whileRevalidating) >= 0 ? ifError : whileRevalidating;
  }

  /**
   * How long after expiry a stored response with {@code headers} may be served when the origin
   * fails: the request's {@code stale-if-error} (when {@code request} is not null), else the
   * response's, else the {@code staleIfError} setting; zero when the response forbids stale use.
   */
  public Duration staleIfErrorWindow(Request request, Headers headers) {
    if (staleForbidden(headers)) {
      return Duration.ZERO;
    }
    if (settings.cacheControl()) {
      long fromRequest = request == null ? CacheDirectives.ABSENT
          : CacheDirectives.of(request.headers()).staleIfError();
      long seconds = fromRequest != CacheDirectives.ABSENT ? fromRequest
          : CacheDirectives.of(headers).staleIfError();
      if (seconds != CacheDirectives.ABSENT) {
        return Duration.ofSeconds(seconds);
      }
    }
    return settings.staleIfError();
  }

  /**
   * How long after expiry a stored response with {@code headers} may be served while it is
   * refreshed in the background: its {@code stale-while-revalidate}, else the setting; zero when
   * the response forbids stale use.
   */
  public Duration staleWhileRevalidateWindow(Headers headers) {
    if (staleForbidden(headers)) {
      return Duration.ZERO;
    }
    long seconds = directives(headers).staleWhileRevalidate();
    return seconds != CacheDirectives.ABSENT ? Duration.ofSeconds(seconds)
        : settings.staleWhileRevalidate();
  }

  /**
   * True when, with {@code cacheControl(true)}, the response says it must never be used stale:
   * {@code must-revalidate} or {@code no-cache} (RFC 9111 section 4.2.4).
   */
  public boolean staleForbidden(Headers headers) {
    CacheDirectives directives = directives(headers);
    return directives.mustRevalidate() || directives.noCache();
  }
}
