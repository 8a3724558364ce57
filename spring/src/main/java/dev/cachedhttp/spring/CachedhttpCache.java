package dev.cachedhttp.spring;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachedhttp.AllowedTypes;
import dev.cachedhttp.ValueCache;
import dev.cachedhttp.internal.WarningLimiter;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.support.AbstractValueAdaptingCache;
import org.springframework.cache.support.NullValue;

/**
 * One Spring {@link org.springframework.cache.Cache} over one {@link ValueCache} namespace; made
 * by {@link CachedhttpCacheManager}. Keys become strings so that different parameter lists never
 * share one: several parameters ({@code SimpleKey}) as {@code ("acme","shoes, red")}, arrays and
 * collections as {@code ["a","b"]}, any other key as its {@link String#valueOf} (so {@code 42} and
 * {@code "42"} are one key). Values are stored with their type, a collection or map holding
 * application types with its full type ({@code java.util.List<com.example.User>}), so a cached
 * {@code List<User>} comes back as a list of {@code User}; an untyped {@link #get(Object)} returns
 * a value only when every application type it names is allowed (otherwise it is a miss, logged at
 * WARN), while {@link #get(Object, Class)} also allows the class asked for. {@link
 * #get(Object, Callable)} (used by {@code @Cacheable(sync = true)}) is single-flight per key
 * through {@link ValueCache#getOrCompute}. Backend failures follow {@link ValueCache}: reads are
 * misses and writes are dropped, while {@link #evict} and {@link #clear} throw. Thread-safe.
 */
public final class CachedhttpCache extends AbstractValueAdaptingCache {
  private static final Logger LOG = LoggerFactory.getLogger(CachedhttpCache.class);

  private final String name;
  private final ValueCache values;
  private final Duration expiration;
  private final AllowedTypes allowed;
  private final ObjectMapper mapper;
  private final WarningLimiter warnings;
  private final JavaType declared;

  CachedhttpCache(String name, ValueCache values, Duration expiration, AllowedTypes allowed,
      boolean allowNullValues, ObjectMapper mapper, Clock clock) {
    this(name, values, expiration, allowed, allowNullValues, mapper, new WarningLimiter(clock),
        null);
  }

  private CachedhttpCache(String name, ValueCache values, Duration expiration,
      AllowedTypes allowed, boolean allowNullValues, ObjectMapper mapper,
      WarningLimiter warnings, JavaType declared) {
    super(allowNullValues);
    this.name = name;
    this.values = values;
    this.expiration = expiration;
    this.allowed = allowed;
    this.mapper = mapper;
    this.warnings = warnings;
    this.declared = declared;
  }

  /**
   * This cache as seen by a method whose values are of {@code declaredType} (what {@link
   * CachedhttpCacheResolver} hands to Spring): collections and maps are stored with that full
   * type rather than one worked out from the value, so {@code List<Page<User>>} comes back as
   * exactly that. Same entries, same backend.
   */
  CachedhttpCache declaring(java.lang.reflect.Type declaredType) {
    return new CachedhttpCache(name, values, expiration, allowed, isAllowNullValues(), mapper,
        warnings, mapper.getTypeFactory().constructType(declaredType));
  }

  @Override
  public String getName() {
    return name;
  }

  /** The {@link ValueCache} this cache stores in. */
  @Override
  public ValueCache getNativeCache() {
    return values;
  }

  /** How long entries of this cache live; {@link ValueCache#NEVER} when they never expire. */
  public Duration expiration() {
    return expiration;
  }

  @Override
  protected Object lookup(Object key) {
    return fromStored(values.get(keyOf(key), allowed).orElse(null), allowed);
  }

  /**
   * Returns the value under {@code key} when it is of {@code type}, which is allowed for this
   * read in addition to the allowed types.
   *
   * @throws IllegalStateException when the value is of another type (as Spring specifies)
   */
  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(Object key, Class<T> type) {
    AllowedTypes forThisRead = type == null ? allowed : allowed.and(type);
    Object value = fromStoreValue(fromStored(values.get(keyOf(key), forThisRead).orElse(null),
        forThisRead));
    if (value != null && type != null && !type.isInstance(value)) {
      throw new IllegalStateException("Cached value is not of required type ["
          + type.getName() + "]: a " + value.getClass().getName());
    }
    return (T) value;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(Object key, Callable<T> valueLoader) {
    Objects.requireNonNull(valueLoader, "valueLoader");
    Object stored = values.getOrCompute(keyOf(key), allowed, expiration,
        () -> toStored(load(key, valueLoader)));
    return (T) fromStoreValue(fromStored(stored, allowed));
  }

  private static Object load(Object key, Callable<?> valueLoader) {
    try {
      return valueLoader.call();
    } catch (Exception e) {
      throw new ValueRetrievalException(key, valueLoader, e);
    }
  }

  /**
   * Reads {@code key} on the value cache's async executor (used for {@code @Cacheable} methods
   * returning {@code CompletableFuture}); completes with {@code null} on a miss, with a {@link
   * org.springframework.cache.Cache.ValueWrapper} when nulls are cached, else the plain value.
   */
  @Override
  public CompletableFuture<?> retrieve(Object key) {
    return values.async().get(keyOf(key), allowed).thenApply(found -> found
        .map(stored -> fromStored(stored, allowed))
        .map(stored -> isAllowNullValues() ? toValueWrapper(stored) : fromStoreValue(stored))
        .orElse(null));
  }

  /**
   * Completes with the value under {@code key}, or with the value {@code valueLoader}'s future
   * completes with, which is then stored; single-flight per key among async callers.
   */
  @Override
  @SuppressWarnings("unchecked")
  public <T> CompletableFuture<T> retrieve(Object key,
      Supplier<CompletableFuture<T>> valueLoader) {
    Objects.requireNonNull(valueLoader, "valueLoader");
    return values.async().getOrCompute(keyOf(key), allowed, expiration,
            () -> valueLoader.get().thenApply(this::toStored))
        .thenApply(stored -> (T) fromStoreValue(fromStored(stored, allowed)));
  }

  @Override
  public void put(Object key, Object value) {
    Object stored = toStored(value);
    if (stored != null) {
      values.put(keyOf(key), stored, expiration);
    }
  }

  @Override
  public void evict(Object key) {
    values.delete(keyOf(key));
  }

  @Override
  public boolean evictIfPresent(Object key) {
    return values.delete(keyOf(key));
  }

  @Override
  public void clear() {
    values.clear();
  }

  @Override
  public boolean invalidate() {
    values.clear();
    return true;
  }

  /**
   * What {@code value} is stored as: a null becomes a {@link NullEntry} when nulls are cached, a
   * collection or map holding application types a {@link TypedEntry} with its full type.
   */
  private Object toStored(Object value) {
    Object storeValue = value == null && !isAllowNullValues() ? null : toStoreValue(value);
    if (storeValue == NullValue.INSTANCE) {
      return NullEntry.INSTANCE;
    }
    return GenericTypes.of(declared, storeValue)
        .<Object>map(type -> new TypedEntry(type, mapper.valueToTree(storeValue)))
        .orElse(storeValue);
  }

  /** What a stored value is read as; a typed entry whose type is not allowed is a miss. */
  private Object fromStored(Object stored, AllowedTypes allowedNow) {
    if (stored instanceof NullEntry) {
      return NullValue.INSTANCE;
    }
    if (!(stored instanceof TypedEntry typed)) {
      return stored;
    }
    return GenericTypes.parse(typed.type(), allowedNow, mapper.getTypeFactory())
        .map(type -> convert(typed, type))
        .orElseGet(() -> {
          warn("type", "a stored value of type " + typed.type() + " in cache " + name
              + " was not read because a type it names is not allowed (" + allowedNow
              + "); the read is a miss");
          return null;
        });
  }

  private Object convert(TypedEntry typed, JavaType type) {
    try {
      return mapper.treeToValue(typed.value(), type);
    } catch (IOException | IllegalArgumentException e) {
      warn("decode", "a stored value in cache " + name + " could not be read as " + type
          + " (" + e.getClass().getName() + "); the read is a miss");
      return null;
    }
  }

  private void warn(String operation, String message) {
    if (warnings.due(operation)) {
      LOG.warn("{}. Further such events are logged at most once a minute.", message);
    } else {
      LOG.debug(message);
    }
  }

  /** The string {@code key} is stored under; see {@link CacheKeys}. */
  static String keyOf(Object key) {
    return CacheKeys.of(key);
  }

  @Override
  public String toString() {
    return "CachedhttpCache{" + name + ", expiration=" + expiration + "}";
  }
}
