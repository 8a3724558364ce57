package dev.cachedhttp;

import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Hears what the cache did: one callback per outcome of every call, and the events around them
 * (invalidation, backend errors, the circuit breaker, background refreshes). Register listeners
 * with {@link CachedClient.Builder#listener(CacheListener)}; {@link CacheStats} and the Micrometer
 * meters are built on the same events.
 *
 * <p>Every call fires exactly one of {@link #hit}, {@link #miss}, {@link #revalidated}, {@link
 * #staleServed}, {@link #coalesced}, {@link #unsatisfiable} and {@link #bypassed}; a call that
 * received an answer from the origin the cache could have stored ({@link #miss} or {@link
 * #revalidated}) then fires {@link #stored} or {@link #notStored} with the reason.
 *
 * <p>Listeners are called off the caller's thread, in order, on the executor given to {@link
 * CachedClient.Builder#listenerExecutor} (by default one daemon thread with a bounded queue): a
 * listener that is slow never stalls a call (events that find the queue full are dropped and
 * logged), and one that throws never fails one (the exception is logged at most once a minute).
 * The {@code Request} and {@code Response} passed are the call's own: read their headers, never
 * their bodies. Every method has an empty default, so implement only what you need.
 */
public interface CacheListener {

  /** Why a response was served stale. */
  enum StaleReason {
    /** The origin failed (an I/O error or a 5xx) and stale-if-error or a disconnected cache allowed it. */
    ORIGIN_FAILED,
    /** Served at once while a background refresh revalidates it (stale-while-revalidate). */
    WHILE_REVALIDATING
  }

  /** Why an answer from the origin was not stored. */
  enum NotStoredReason {
    /** The status is not in {@code allowableCodes} (or not storable by RFC 9111). */
    STATUS_NOT_ALLOWED,
    /** {@code Cache-Control: no-store}, {@code Vary: *}, a partial or interim response. */
    NOT_STORABLE,
    /** Stale when received and without a validator or stale window to use it by. */
    STALE_WITHOUT_VALIDATOR,
    /** The body is larger than {@code maxBodyBytes} or the backend's limit. */
    TOO_LARGE,
    /** The user's {@code filter} refused it (or threw). */
    FILTER_REFUSED,
    /**
     * The request reached the network with credentials the cached request did not carry (an
     * {@code Authenticator}, a {@code CookieJar}, a network interceptor added them).
     */
    CREDENTIALS_ADDED_BELOW,
    /** An invalidation of its URL came while the request was in flight. */
    INVALIDATED,
    /**
     * The body did not arrive whole: the origin's connection failed, the body ended short of its
     * {@code Content-Length}, or the caller closed it before its end and the rest did not arrive
     * within a short drain (a miss's body is stored as the caller reads it).
     */
    INCOMPLETE,
    /** The circuit breaker is open: the backend was not asked. */
    BREAKER_OPEN,
    /** The backend write failed, or the background writer's queue was full. */
    WRITE_FAILED,
    /** A failure inside the cache itself (logged). */
    CACHE_ERROR
  }

  /**
   * The call was answered from the cache without the origin: a fresh (or acceptably stale)
   * stored response, or a 304 the cache generated for the caller's own conditional request.
   */
  default void hit(Request request, Response response, String key) {}

  /** The call went to the origin: nothing usable was stored, or the caller asked to refresh. */
  default void miss(Request request, Response response, String key) {}

  /** The origin answered the cache's conditional request with 304 and the stored body was served. */
  default void revalidated(Request request, Response response, String key) {}

  /** A stale stored response was served, and why. */
  default void staleServed(Request request, Response response, String key, StaleReason reason) {}

  /** The call was answered from the response an identical concurrent call fetched. */
  default void coalesced(Request request, Response response, String key) {}

  /** {@code only-if-cached} and nothing usable stored: the cache answered 504. */
  default void unsatisfiable(Request request, Response response, String key) {}

  /**
   * The cache took no part in the call: skipped, a method or expiration that is not cached, a
   * body that cannot be keyed, a failure inside the cache, or a closed cache.
   */
  default void bypassed(Request request, Response response) {}

  /** The origin's answer was stored under {@code key} (written, or queued for the writer). */
  default void stored(Request request, Response response, String key) {}

  /** The origin's answer was not stored, and why. */
  default void notStored(Request request, Response response, String key,
      NotStoredReason reason) {}

  /** An unsafe request's answer invalidated every stored response of {@code url}. */
  default void invalidated(Request request, HttpUrl url) {}

  /** A backend call ({@code operation}: read, write, delete, invalidation, ...) failed. */
  default void backendError(String operation, Throwable error) {}

  /** The circuit breaker around the backend changed to {@code state}. */
  default void circuitStateChanged(CircuitState state) {}

  /** A background refresh (stale-while-revalidate) of {@code request} finished. */
  default void backgroundRefresh(Request request, boolean succeeded) {}
}
