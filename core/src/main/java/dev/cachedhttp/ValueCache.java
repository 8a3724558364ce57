package dev.cachedhttp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachedhttp.internal.DefaultBackends;
import dev.cachedhttp.internal.Checks;
import dev.cachedhttp.internal.ValueStore;
import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A cache of your own values (a computed report, a token, the result of a slow query) in any
 * {@link Backend}: the same table, TTL and fail-open guarantees as the HTTP cache.
 *
 * <p>Values go through Jackson and are stored under your key, as given, in one namespace of the
 * backend ({@link Builder#namespace}, default {@value #DEFAULT_NAMESPACE}); in DynamoDB each is a
 * readable item beside the cached responses. Expired values are never returned, even before the
 * store deletes them.
 *
 * <p>Failures: when the backend fails, {@code get} and {@code has} are misses, {@code put} is
 * dropped, and {@code getOrCompute} / {@code memoize} run the function and return its result;
 * each failure is counted in {@link #stats()} and logged at WARN at most once a minute. After
 * repeated failures a circuit breaker ({@link Builder#circuitBreaker}) stops calling the backend
 * for a cool-down: reads are then misses and writes are dropped without a backend call. {@link
 * #delete} and {@link #clear} throw {@link StorageException} instead, also while the breaker is
 * open: an invalidation that silently did not happen is a bug. Bad input (a null or blank key, a negative duration, a value
 * Jackson cannot serialise) is an exception naming it, thrown before anything is written; a value
 * too large for the backend is not stored, is counted in {@link ValueCacheStats#skipped()}, and
 * {@code put} returns normally.
 *
 * <p>Thread-safe; {@link #getOrCompute} and {@link #memoize} are single-flight per key within
 * this instance. {@link #close()} closes the backend only if this cache created it (the default
 * memory backend); a backend passed in stays open for the other caches using it.
 */
public final class ValueCache implements AutoCloseable {
  /** Default {@link Builder#namespace}: {@value}. */
  public static final String DEFAULT_NAMESPACE = "cache";

  /** The expiration meaning "never expires"; the default {@link Builder#defaultExpiration}. */
  public static final Duration NEVER = ChronoUnit.FOREVER.getDuration();

  /** Default {@link Builder#asyncThreads}: {@value}. */
  public static final int DEFAULT_ASYNC_THREADS = 4;

  /** Default {@link Builder#asyncQueueCapacity}: {@value}. */
  public static final int DEFAULT_ASYNC_QUEUE_CAPACITY = 1000;

  private final Backend backend;
  private final boolean ownsBackend;
  private final String namespace;
  private final Duration defaultExpiration;
  private final ValueStore store;
  private final AsyncValueCache async;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ValueCache(Builder b) {
    this.ownsBackend = b.backend == null;
    this.backend = ownsBackend ? DefaultBackends.create(b.clock) : b.backend;
    this.namespace = b.namespace;
    this.defaultExpiration = b.defaultExpiration;
    this.store = new ValueStore(backend, namespace, b.circuitBreaker, b.objectMapper, b.clock);
    this.async = new AsyncValueCache(this, store, b.asyncExecutor, b.asyncThreads,
        b.asyncQueueCapacity);
  }

  /** Returns a new builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Stores {@code value} under {@code key} for the {@linkplain Builder#defaultExpiration default}. */
  public void put(String key, Object value) {
    put(key, value, defaultExpiration);
  }

  /**
   * Stores {@code value} under {@code key}, replacing any value there, for {@code expireAfter}
   * ({@link #NEVER} for no expiry). A backend failure drops the write (counted, logged); a value
   * too large for the backend is not stored (counted in {@link ValueCacheStats#skipped()}).
   *
   * @throws NullPointerException when an argument is null
   * @throws IllegalArgumentException naming the problem when the key is blank, the duration
   *     negative, or Jackson cannot serialise the value
   */
  public void put(String key, Object value, Duration expireAfter) {
    checkKey(key);
    Objects.requireNonNull(value, "value");
    Instant expiresAt = store.expiresAt(checkDuration(expireAfter, "expireAfter"));
    store.write(key, store.encode(key, value, expiresAt));
  }

  /**
   * Returns the live value under {@code key} read as {@code type}; empty when there is none, it
   * expired, it cannot be read as {@code type}, or the backend failed.
   *
   * @throws IllegalArgumentException when the key is blank
   */
  public <T> Optional<T> get(String key, Class<T> type) {
    checkKey(key);
    return store.get(key, store.type(Objects.requireNonNull(type, "type")));
  }

  /** Like {@link #get(String, Class)} for a generic type such as {@code List<Foo>}. */
  public <T> Optional<T> get(String key, TypeReference<T> type) {
    checkKey(key);
    return store.get(key, store.type(Objects.requireNonNull(type, "type").getType()));
  }

  /**
   * Returns the live value under {@code key} as the type it was stored from, when {@code
   * allowed} allows that type; values stored from JDK types come back as plain JSON values
   * (maps, lists, strings, numbers, booleans). A type not allowed is a miss, logged at WARN.
   */
  public Optional<Object> get(String key, AllowedTypes allowed) {
    checkKey(key);
    return store.get(key, Objects.requireNonNull(allowed, "allowed"));
  }

  /** Returns true when a live value is stored under {@code key}; false when the backend fails. */
  public boolean has(String key) {
    checkKey(key);
    return store.counted(store.read(key)).isPresent();
  }

  /**
   * Deletes the value under {@code key}; returns true when one was stored.
   *
   * @throws StorageException when the backend fails
   */
  public boolean delete(String key) {
    checkKey(key);
    return store.delete(key);
  }

  /**
   * Deletes every value of this cache's namespace; other namespaces and cached HTTP responses in
   * the same backend are untouched.
   *
   * @throws StorageException when the backend fails
   */
  public void clear() {
    store.clear();
  }

  /**
   * Returns the live value under {@code key}, or runs {@code supplier}, stores its result for
   * {@code expireAfter} and returns it. Concurrent callers of one key in this cache run the
   * supplier once and all get its result (the same instance); an exception from the supplier
   * reaches every one of them and nothing is stored. A {@code null} result is returned, not
   * stored. A backend failure is a miss and a dropped write: the result is still returned.
   *
   * @throws IllegalArgumentException when the key is blank, the duration negative, or Jackson
   *     cannot serialise the result
   * @throws IllegalStateException when the supplier asks for its own key
   */
  public <T> T getOrCompute(String key, Class<T> type, Duration expireAfter,
      Supplier<? extends T> supplier) {
    JavaType javaType = store.type(Objects.requireNonNull(type, "type"));
    return store.getOrCompute(key, stored -> store.decode(stored, javaType), expireAfter, supplier);
  }

  /** Like {@link #getOrCompute(String, Class, Duration, Supplier)} with the default expiration. */
  public <T> T getOrCompute(String key, Class<T> type, Supplier<? extends T> supplier) {
    return getOrCompute(key, type, defaultExpiration, supplier);
  }

  /** Like {@link #getOrCompute(String, Class, Duration, Supplier)} for a generic type. */
  public <T> T getOrCompute(String key, TypeReference<T> type, Duration expireAfter,
      Supplier<? extends T> supplier) {
    JavaType javaType = store.type(Objects.requireNonNull(type, "type").getType());
    return store.getOrCompute(key, stored -> store.decode(stored, javaType), expireAfter, supplier);
  }

  /**
   * Like {@link #getOrCompute(String, Class, Duration, Supplier)}, reading a stored value as the
   * type it was stored from when {@code allowed} allows it (see {@link #get(String,
   * AllowedTypes)}).
   */
  public Object getOrCompute(String key, AllowedTypes allowed, Duration expireAfter,
      Supplier<?> supplier) {
    Objects.requireNonNull(allowed, "allowed");
    return store.getOrCompute(key, stored -> store.decode(stored, allowed), expireAfter, supplier);
  }

  /**
   * Returns {@code function} cached: a call with argument {@code a} is {@code getOrCompute(
   * keyFunction.apply(a), type, expireAfter, () -> function.apply(a))}.
   */
  public <A, T> Function<A, T> memoize(Class<T> type, Duration expireAfter,
      Function<? super A, String> keyFunction, Function<? super A, ? extends T> function) {
    Objects.requireNonNull(type, "type");
    return memoized(expireAfter, keyFunction, function,
        (key, supplier) -> getOrCompute(key, type, expireAfter, supplier));
  }

  /** Like {@link #memoize(Class, Duration, Function, Function)} for a generic result type. */
  public <A, T> Function<A, T> memoize(TypeReference<T> type, Duration expireAfter,
      Function<? super A, String> keyFunction, Function<? super A, ? extends T> function) {
    Objects.requireNonNull(type, "type");
    return memoized(expireAfter, keyFunction, function,
        (key, supplier) -> getOrCompute(key, type, expireAfter, supplier));
  }

  private static <A, T> Function<A, T> memoized(Duration expireAfter,
      Function<? super A, String> keyFunction, Function<? super A, ? extends T> function,
      BiFunction<String, Supplier<T>, T> lookup) {
    checkDuration(expireAfter, "expireAfter");
    Objects.requireNonNull(keyFunction, "keyFunction");
    Objects.requireNonNull(function, "function");
    return argument -> lookup.apply(keyFunction.apply(argument), () -> function.apply(argument));
  }

  /** The same operations returning {@link java.util.concurrent.CompletableFuture}s. */
  public AsyncValueCache async() {
    return async;
  }

  /** The counters since this cache was built. */
  public ValueCacheStats stats() {
    return store.stats();
  }

  /** This cache's namespace. */
  public String namespace() {
    return namespace;
  }

  /** The expiration of values put without one; {@link #NEVER} when they never expire. */
  public Duration defaultExpiration() {
    return defaultExpiration;
  }

  /** The backend this cache stores in. */
  public Backend backend() {
    return backend;
  }

  /**
   * Stops the async executor if this cache created it (queued tasks are dropped) and closes the
   * backend if this cache created it. Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      async.close();
      if (ownsBackend) {
        backend.close();
      }
    }
  }

  @Override
  public String toString() {
    return "ValueCache{namespace=" + namespace + ", backend=" + backend + "}";
  }

  static String checkKey(String key) {
    return ValueStore.checkKey(key);
  }

  static Duration checkDuration(Duration duration, String name) {
    return Checks.nonNegative(name, duration);
  }

  /**
   * Configures a {@link ValueCache}; every setter validates its argument at once and throws an
   * exception naming a bad value. Not thread-safe.
   */
  public static final class Builder {
    private Backend backend;
    private String namespace = DEFAULT_NAMESPACE;
    private Duration defaultExpiration = NEVER;
    private ObjectMapper objectMapper;
    private Clock clock = Clock.systemUTC();
    private ExecutorService asyncExecutor;
    private int asyncThreads = DEFAULT_ASYNC_THREADS;
    private int asyncQueueCapacity = DEFAULT_ASYNC_QUEUE_CAPACITY;
    private CircuitBreakerConfig circuitBreaker = CircuitBreakerConfig.ofDefaults();

    private Builder() {}

    /**
     * The backend to store in, e.g. a {@code DynamoDbBackend} shared with a {@code CachedClient}.
     * Default: a new backend from the highest-priority {@link dev.cachedhttp.spi.BackendProvider}
     * on the class path (the memory backend), which {@link ValueCache#close()} closes.
     */
    public Builder backend(Backend backend) {
      this.backend = Objects.requireNonNull(backend, "backend");
      return this;
    }

    /**
     * The namespace values live in: 1 to 64 letters, digits, {@code _}, {@code .} or {@code -},
     * not {@code responses} or {@code redirects}. Default {@value #DEFAULT_NAMESPACE}.
     */
    public Builder namespace(String namespace) {
      this.namespace = dev.cachedhttp.spi.ValueNamespaces.check(namespace);
      return this;
    }

    /** How long values put without an expiration live. Default {@link ValueCache#NEVER}. */
    public Builder defaultExpiration(Duration defaultExpiration) {
      this.defaultExpiration = checkDuration(defaultExpiration, "defaultExpiration");
      return this;
    }

    /**
     * The Jackson mapper values go through. Default: a new {@code ObjectMapper} with the modules
     * found on the class path.
     *
     * @throws IllegalArgumentException when the mapper has default typing enabled ({@code
     *     activateDefaultTyping}): it would instantiate a class named by a stored item, whatever
     *     {@link AllowedTypes} says; types are recorded and checked by the cache itself
     */
    public Builder objectMapper(ObjectMapper objectMapper) {
      this.objectMapper = ValueStore.checkMapper(objectMapper);
      return this;
    }

    /** The clock expiry is measured on. Default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The executor {@link #async()} runs on; it is not shut down by {@link ValueCache#close()}.
     * Default: {@link #asyncThreads} daemon threads named {@code cachedhttp-values-N} with a
     * queue of {@link #asyncQueueCapacity} tasks.
     */
    public Builder asyncExecutor(ExecutorService executor) {
      this.asyncExecutor = Objects.requireNonNull(executor, "asyncExecutor");
      return this;
    }

    /** Threads of the default async executor, 1 to 64. Default {@value #DEFAULT_ASYNC_THREADS}. */
    public Builder asyncThreads(int threads) {
      this.asyncThreads = Checks.between("asyncThreads", threads, 1, 64);
      return this;
    }

    /**
     * Queued tasks of the default async executor, 1 to 1,000,000. Default {@value
     * #DEFAULT_ASYNC_QUEUE_CAPACITY}.
     */
    public Builder asyncQueueCapacity(int capacity) {
      this.asyncQueueCapacity = Checks.between("asyncQueueCapacity", capacity, 1, 1_000_000);
      return this;
    }

    /**
     * The circuit breaker around the backend, as for {@link CachedClient.Builder#circuitBreaker}:
     * after repeated failed (or, when the config counts them, slow) backend calls the cache stops
     * calling the backend for a cool-down, then probes it. Default {@link
     * CircuitBreakerConfig#ofDefaults()}; {@link CircuitBreakerConfig#disabled()} turns it off.
     * A value cache has a breaker of its own, even when it shares its backend with a {@code
     * CachedClient}.
     */
    public Builder circuitBreaker(CircuitBreakerConfig config) {
      this.circuitBreaker = Objects.requireNonNull(config, "circuitBreaker");
      return this;
    }

    /**
     * Builds the cache.
     *
     * @throws IllegalStateException when no backend is set and none is on the class path
     * @throws UnsupportedOperationException when the backend does not store values
     */
    public ValueCache build() {
      if (objectMapper == null) {
        objectMapper = new ObjectMapper().findAndRegisterModules();
      }
      return new ValueCache(this);
    }
  }
}
