package dev.cachedhttp.internal;

import dev.cachedhttp.Expiration;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The validated, immutable configuration of one cache, as built by {@code CachedClient.Builder}.
 *
 * @param expiration the global expiration ({@link Expiration#NEVER} when not set)
 * @param expirationSet whether the user set the global expiration
 * @param urlRules per-URL expirations, first match wins
 * @param cacheControl whether HTTP caching headers are honoured
 * @param allowableCodes status codes that may be stored
 * @param allowableMethods upper-case methods that may be read and stored
 * @param ignored parameters left out of keys and redacted
 * @param matchHeaders request headers whose values are part of the key
 * @param filter stores a response only when it returns true
 * @param keyFunction a custom key function, or null
 * @param clock the clock of every time decision
 * @param maxBodyBytes the largest body stored
 * @param revalidationWindow how long a stale entry with a validator is kept for revalidation
 * @param staleIfError how long after expiry a stale entry may be served when the origin fails
 * @param staleWhileRevalidate how long after expiry a stale entry may be served while it is
 *     refreshed in the background
 * @param coalescing whether concurrent identical misses share one origin request
 */
public record Settings(
    Expiration expiration,
    boolean expirationSet,
    List<UrlRule> urlRules,
    boolean cacheControl,
    Set<Integer> allowableCodes,
    Set<String> allowableMethods,
    IgnoredParameters ignored,
    List<String> matchHeaders,
    Predicate<Response> filter,
    Function<Request, String> keyFunction,
    Clock clock,
    long maxBodyBytes,
    Duration revalidationWindow,
    Duration staleIfError,
    Duration staleWhileRevalidate,
    boolean coalescing) {

  /** Copies the collections so the settings cannot change after construction. */
  public Settings {
    urlRules = List.copyOf(urlRules);
    allowableCodes = Set.copyOf(allowableCodes);
    allowableMethods = Set.copyOf(allowableMethods);
    matchHeaders = List.copyOf(matchHeaders);
  }

  /**
   * A per-URL expiration.
   *
   * @param pattern the URL glob
   * @param expiration the expiration of URLs it matches
   */
  public record UrlRule(UrlPattern pattern, Expiration expiration) {}
}
