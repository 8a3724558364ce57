package dev.cachedhttp.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachedhttp.AllowedTypes;
import dev.cachedhttp.ValueCache;
import dev.cachedhttp.internal.DefaultBackends;
import dev.cachedhttp.internal.Checks;
import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.ValueNamespaces;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/**
 * A Spring {@link CacheManager} over cachedhttp value caches: {@code @EnableCaching} with {@code
 * @Cacheable}, {@code @CachePut}, {@code @CacheEvict} (including {@code allEntries = true}) and
 * {@code @Cacheable(sync = true)} store in any {@link Backend} (a DynamoDB table, or memory), one
 * value namespace per cache name, so a cache name must be a valid namespace (letters, digits,
 * {@code _ . -}, at most 64, not {@code responses} or {@code redirects}).
 *
 * <p>Values are stored as readable JSON with their type name, and collections and maps holding
 * application types with their full type ({@code List<User>}). Spring's untyped read ({@code
 * Cache.get(key)}, what {@code @Cacheable} uses) turns a stored value back into its type only
 * when every application type it names was allowed with {@link Builder#allowType} or {@link
 * Builder#allowPackage}; a value of any other type is a miss, logged at WARN, so data in a shared
 * table cannot choose a class to deserialise into (and a mapper with default typing is refused).
 * Values of JDK types (strings, numbers, maps, lists of them) come back as plain JSON values.
 * Keys: see {@link CachedhttpCache}.
 *
 * <p>Caches are made on first use (or up front with {@link Builder#cacheNames}); each lives for
 * its {@linkplain Builder#expiration(String, Duration) own expiration} or the {@linkplain
 * Builder#defaultExpiration default}. Thread-safe. {@link #close()} (called by Spring when the
 * context closes) closes the caches and the backend only if this manager created it.
 */
public final class CachedhttpCacheManager implements CacheManager, AutoCloseable {
  private final Backend backend;
  private final boolean ownsBackend;
  private final Duration defaultExpiration;
  private final Map<String, Duration> expirations;
  private final AllowedTypes allowed;
  private final ObjectMapper objectMapper;
  private final Clock clock;
  private final boolean allowNullValues;
  private final boolean dynamic;
  private final Map<String, CachedhttpCache> caches = new ConcurrentHashMap<>();

  private CachedhttpCacheManager(Builder b) {
    this.ownsBackend = b.backend == null;
    this.backend = ownsBackend ? DefaultBackends.create(b.clock) : b.backend;
    this.defaultExpiration = b.defaultExpiration;
    this.expirations = Map.copyOf(b.expirations);
    this.allowed = b.allowed.type(NullEntry.class).type(TypedEntry.class).build();
    this.objectMapper = b.objectMapper != null ? b.objectMapper
        : new ObjectMapper().findAndRegisterModules();
    this.clock = b.clock;
    this.allowNullValues = b.allowNullValues;
    this.dynamic = b.cacheNames.isEmpty();
    for (String name : b.cacheNames) {
      caches.put(name, create(name));
    }
  }

  /** Returns a new builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the cache named {@code name}, creating it on first use unless {@linkplain
   * Builder#cacheNames fixed names} were given (then an unknown name is {@code null}).
   *
   * @throws IllegalArgumentException when {@code name} is not a valid namespace
   */
  @Override
  public Cache getCache(String name) {
    Objects.requireNonNull(name, "name");
    CachedhttpCache cache = caches.get(name);
    if (cache != null || !dynamic) {
      return cache;
    }
    return caches.computeIfAbsent(name, this::create);
  }

  private CachedhttpCache create(String name) {
    ValueNamespaces.check(name);
    Duration expiration = expirations.getOrDefault(name, defaultExpiration);
    ValueCache values = ValueCache.builder().backend(backend).namespace(name)
        .defaultExpiration(expiration).clock(clock).objectMapper(objectMapper).build();
    return new CachedhttpCache(name, values, expiration, allowed, allowNullValues, objectMapper,
        clock);
  }

  @Override
  public Collection<String> getCacheNames() {
    return Set.copyOf(caches.keySet());
  }

  /** The backend the caches store in. */
  public Backend backend() {
    return backend;
  }

  /** Closes every cache made so far, and the backend if this manager created it. */
  @Override
  public void close() {
    caches.values().forEach(cache -> cache.getNativeCache().close());
    if (ownsBackend) {
      backend.close();
    }
  }

  @Override
  public String toString() {
    return "CachedhttpCacheManager{backend=" + backend + ", caches=" + caches.keySet() + "}";
  }

  /**
   * Configures a {@link CachedhttpCacheManager}; setters validate at once and throw an exception
   * naming a bad value. Not thread-safe.
   */
  public static final class Builder {
    private Backend backend;
    private Duration defaultExpiration = ValueCache.NEVER;
    private final Map<String, Duration> expirations = new LinkedHashMap<>();
    private final AllowedTypes.Builder allowed = AllowedTypes.builder();
    private final Set<String> cacheNames = new LinkedHashSet<>();
    private ObjectMapper objectMapper;
    private Clock clock = Clock.systemUTC();
    private boolean allowNullValues = true;

    private Builder() {}

    /**
     * The backend every cache stores in, e.g. a {@code DynamoDbBackend}; not closed by the
     * manager. Default: a new default backend (memory), closed with the manager.
     */
    public Builder backend(Backend backend) {
      this.backend = Objects.requireNonNull(backend, "backend");
      return this;
    }

    /** How long entries live in caches without their own expiration. Default: never expire. */
    public Builder defaultExpiration(Duration expiration) {
      this.defaultExpiration = Checks.nonNegative("defaultExpiration", expiration);
      return this;
    }

    /** How long entries of cache {@code cacheName} live, overriding the default. */
    public Builder expiration(String cacheName, Duration expiration) {
      expirations.put(ValueNamespaces.check(cacheName),
          Checks.nonNegative("expiration of cache " + cacheName, expiration));
      return this;
    }

    /** Allows untyped reads to return values of {@code type} (exactly that class). */
    public Builder allowType(Class<?> type) {
      allowed.type(type);
      return this;
    }

    /** Allows untyped reads to return values of the classes of a package and its sub-packages. */
    public Builder allowPackage(String packageName) {
      allowed.packageName(packageName);
      return this;
    }

    /**
     * Fixes the cache names: these caches are made at build time and {@link #getCache} returns
     * {@code null} for any other name. Default: caches are made on first use.
     */
    public Builder cacheNames(String... names) {
      for (String name : names) {
        cacheNames.add(ValueNamespaces.check(name));
      }
      return this;
    }

    /** Whether a method's {@code null} result is cached. Default {@code true}, as in Spring. */
    public Builder allowNullValues(boolean allowNullValues) {
      this.allowNullValues = allowNullValues;
      return this;
    }

    /**
     * The Jackson mapper values go through. Default: a new {@code ObjectMapper} with the modules
     * found on the class path, as {@link ValueCache}'s.
     *
     * @throws NullPointerException when {@code objectMapper} is null
     * @throws IllegalArgumentException when the mapper has default typing on (type names read
     *     from storage would choose the classes to instantiate, whatever types are allowed), as
     *     {@link ValueCache.Builder#objectMapper} does
     */
    public Builder objectMapper(ObjectMapper objectMapper) {
      ValueCache.builder().objectMapper(objectMapper);    // refuses default typing, as here
      this.objectMapper = objectMapper;
      return this;
    }

    /** The clock expiry is measured on. Default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the manager.
     *
     * @throws IllegalStateException when no backend is set and none is on the class path
     */
    public CachedhttpCacheManager build() {
      return new CachedhttpCacheManager(this);
    }
  }
}
