package dev.cachedhttp.internal;

import dev.cachedhttp.CacheListener;
import dev.cachedhttp.CircuitBreakerConfig;
import dev.cachedhttp.Expiration;
import dev.cachedhttp.WriteMode;
import dev.cachedhttp.spi.Backend;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The immutable configuration of one cache, made once by {@code CachedClient.Builder.build()}
 * from the builder's values. The builder validates every value and holds every default (its
 * {@code DEFAULT_*} constants); this record only carries them to the code that uses them.
 * Thread-safe.
 *
 * @param expiration the global expiration, empty when the user set none
 * @param urlRules per-URL expirations, first match wins
 * @param cacheControl whether HTTP caching headers are honoured
 * @param allowableCodes the status codes the user allowed, empty when the user named none
 * @param allowableMethods upper-case methods whose responses are read and stored
 * @param ignored parameters left out of keys and redacted
 * @param matchHeaders request headers whose values are part of the key, sorted
 * @param filter stores a response only when it returns true
 * @param keyFunction a custom key function, or null for the built-in one
 * @param keySecret the secret of credential HMACs, or null for one drawn per process
 * @param nearCache the local backend in front of the main one, or null for none
 * @param nearCacheMaxAge how long a near-cache entry is trusted, null without a near cache
 * @param fleetLease the lease of fleet-wide coalescing, or null when it is off
 * @param listeners the user's listeners, in the order added
 * @param listenerExecutor where listeners run, or null for the cache's own thread
 * @param clock the clock of every time decision
 * @param maxBodyBytes the largest body stored
 * @param revalidationWindow how long a stale entry with a validator is kept for revalidation
 * @param staleIfError how long after expiry a stale entry may be served when the origin fails
 * @param staleWhileRevalidate how long after expiry a stale entry is served while revalidated
 * @param coalescing whether concurrent identical misses share one origin request
 * @param cacheStatusHeader whether responses get a {@code Cache-Status} header
 * @param backgroundExecutor where background revalidations run, or null for the built-in pool
 * @param backgroundThreads the threads of the built-in pool
 * @param circuitBreaker the breaker around the backend
 * @param writeMode where writes are made
 * @param writeQueueCapacity how many writes may wait for the background writer
 * @param writeQueueBytes how many bytes the background writer's writes may hold
 * @param writeConcurrency how many writes the background writer makes at once
 */
public record Settings(
    Optional<Expiration> expiration,
    List<UrlRule> urlRules,
    boolean cacheControl,
    Optional<Set<Integer>> allowableCodes,
    Set<String> allowableMethods,
    IgnoredParameters ignored,
    List<String> matchHeaders,
    Predicate<Response> filter,
    Function<Request, String> keyFunction,
    byte[] keySecret,
    Backend nearCache,
    Duration nearCacheMaxAge,
    Duration fleetLease,
    List<CacheListener> listeners,
    Executor listenerExecutor,
    Clock clock,
    long maxBodyBytes,
    Duration revalidationWindow,
    Duration staleIfError,
    Duration staleWhileRevalidate,
    boolean coalescing,
    boolean cacheStatusHeader,
    Executor backgroundExecutor,
    int backgroundThreads,
    CircuitBreakerConfig circuitBreaker,
    WriteMode writeMode,
    int writeQueueCapacity,
    long writeQueueBytes,
    int writeConcurrency) {

  /** Copies the collections and the secret, so later changes to the builder do not leak in. */
  public Settings {
    urlRules = List.copyOf(urlRules);
    allowableCodes = allowableCodes.map(Set::copyOf);
    allowableMethods = Set.copyOf(allowableMethods);
    matchHeaders = List.copyOf(matchHeaders);
    keySecret = keySecret == null ? null : keySecret.clone();
    listeners = List.copyOf(listeners);
  }

  /**
   * A per-URL expiration.
   *
   * @param pattern the URL glob
   * @param expiration the expiration of URLs it matches
   */
  public record UrlRule(UrlPattern pattern, Expiration expiration) {}
}
