package dev.cachedhttp.spring;

import dev.cachedhttp.AllowedTypes;
import dev.cachedhttp.ValueCache;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.springframework.cache.support.AbstractValueAdaptingCache;
import org.springframework.cache.support.NullValue;

/**
 * One Spring {@link org.springframework.cache.Cache} over one {@link ValueCache} namespace; made
 * by {@link CachedhttpCacheManager}. Keys are turned into strings with {@link String#valueOf}
 * (so {@code 42} and {@code "42"} are one key). Values are stored with their type; an untyped
 * {@link #get(Object)} returns a value only when its type is allowed (a type not allowed is a
 * miss, logged at WARN), while {@link #get(Object, Class)} reads as the class asked for. {@link
 * #get(Object, Callable)} (used by {@code @Cacheable(sync = true)}) is single-flight per key
 * through {@link ValueCache#getOrCompute}. Backend failures follow {@link ValueCache}: reads are
 * misses and writes are dropped, while {@link #evict} and {@link #clear} throw. Thread-safe.
 */
public final class CachedhttpCache extends AbstractValueAdaptingCache {
  private final String name;
  private final ValueCache values;
  private final Duration expiration;
  private final AllowedTypes allowed;

  CachedhttpCache(String name, ValueCache values, Duration expiration, AllowedTypes allowed,
      boolean allowNullValues) {
    super(allowNullValues);
    this.name = name;
    this.values = values;
    this.expiration = expiration;
    this.allowed = allowed;
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
    return fromStored(values.get(keyOf(key), allowed).orElse(null));
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
    Object value = fromStoreValue(fromStored(values.get(keyOf(key), forThisRead).orElse(null)));
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
    return (T) fromStoreValue(fromStored(stored));
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
        .map(CachedhttpCache::fromStored)
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
        .thenApply(stored -> (T) fromStoreValue(fromStored(stored)));
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

  /** What {@code value} is stored as: a null becomes a {@link NullEntry} when nulls are cached. */
  private Object toStored(Object value) {
    Object storeValue = value == null && !isAllowNullValues() ? null : toStoreValue(value);
    return storeValue == NullValue.INSTANCE ? NullEntry.INSTANCE : storeValue;
  }

  private static Object fromStored(Object stored) {
    return stored instanceof NullEntry ? NullValue.INSTANCE : stored;
  }

  static String keyOf(Object key) {
    return String.valueOf(Objects.requireNonNull(key, "key"));
  }

  @Override
  public String toString() {
    return "CachedhttpCache{" + name + ", expiration=" + expiration + "}";
  }
}
