package dev.cachedhttp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import dev.cachedhttp.internal.BoundedExecutors;
import dev.cachedhttp.internal.SingleFlight;
import dev.cachedhttp.internal.ValueStore;
import dev.cachedhttp.spi.StorageException;
import dev.cachedhttp.spi.StoredValue;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The operations of a {@link ValueCache} returning {@link CompletableFuture}s; get one with
 * {@link ValueCache#async()}. Same semantics, counters and failure rules as the synchronous
 * methods: a failed backend makes {@code get} a miss, {@code has} false and {@code put} a no-op,
 * while the futures of {@code delete} and {@code clear} fail with {@link StorageException}; bad
 * input fails the returned future with the exception the synchronous method would throw.
 *
 * <p>Threads: no method blocks its caller. Every backend call runs on the cache's async executor
 * ({@link ValueCache.Builder#asyncExecutor}; by default {@value
 * ValueCache#DEFAULT_ASYNC_THREADS} daemon threads named {@code cachedhttp-values-N} with a
 * bounded queue), and futures complete on its threads, so dependent stages you add without an
 * executor run there too: do not block in them. When the queue is full a task is rejected, not
 * run on the caller's thread: a rejected {@code get}, {@code has} or {@code put} is a miss, false
 * or a dropped write (counted in {@link ValueCacheStats#errors()}), a rejected {@code delete} or
 * {@code clear} fails with {@link StorageException}, and a rejected {@code getOrCompute} step fails
 * with {@link RejectedExecutionException}. The loader of {@link #getOrCompute} is called on an
 * executor thread after the lookup missed and must return its future without blocking;
 * its result is written to the backend from an executor thread before the returned future
 * completes, so a later call finds it. {@code getOrCompute} is
 * single-flight per key among the callers of this object. Thread-safe.
 */
public final class AsyncValueCache {
  private final ValueCache cache;
  private final ValueStore store;
  private final ExecutorService executor;
  private final boolean ownsExecutor;
  private final SingleFlight<Void, Object> flights = new SingleFlight<>();

  AsyncValueCache(ValueCache cache, ValueStore store, ExecutorService executor, int threads,
      int queueCapacity) {
    this.cache = cache;
    this.store = store;
    this.ownsExecutor = executor == null;
    this.executor = ownsExecutor
        ? BoundedExecutors.create("cachedhttp-values", threads, queueCapacity) : executor;
  }

  /** {@link ValueCache#put(String, Object)} on the executor. */
  public CompletableFuture<Void> put(String key, Object value) {
    return put(key, value, cache.defaultExpiration());
  }

  /** {@link ValueCache#put(String, Object, Duration)} on the executor. */
  public CompletableFuture<Void> put(String key, Object value, Duration expireAfter) {
    return submit("async put", () -> {
      cache.put(key, value, expireAfter);
      return null;
    }, null);
  }

  /** {@link ValueCache#get(String, Class)} on the executor. */
  public <T> CompletableFuture<Optional<T>> get(String key, Class<T> type) {
    return submit("async get", () -> cache.get(key, type), Optional.empty());
  }

  /** {@link ValueCache#get(String, TypeReference)} on the executor. */
  public <T> CompletableFuture<Optional<T>> get(String key, TypeReference<T> type) {
    return submit("async get", () -> cache.get(key, type), Optional.empty());
  }

  /** {@link ValueCache#get(String, AllowedTypes)} on the executor. */
  public CompletableFuture<Optional<Object>> get(String key, AllowedTypes allowed) {
    return submit("async get", () -> cache.get(key, allowed), Optional.empty());
  }

  /** {@link ValueCache#has(String)} on the executor. */
  public CompletableFuture<Boolean> has(String key) {
    return submit("async has", () -> cache.has(key), false);
  }

  /** {@link ValueCache#delete(String)} on the executor; fails with {@link StorageException}. */
  public CompletableFuture<Boolean> delete(String key) {
    return invalidate("delete", () -> cache.delete(key));
  }

  /** {@link ValueCache#clear()} on the executor; fails with {@link StorageException}. */
  public CompletableFuture<Void> clear() {
    return invalidate("clear", () -> {
      cache.clear();
      return null;
    });
  }

  /**
   * Completes with the live value under {@code key}, or with the result of the future {@code
   * loader} returns, which is then stored for {@code expireAfter}. Concurrent callers of one key
   * share one lookup and one loader run; a loader failure fails every one of their futures and
   * nothing is stored.
   */
  public <T> CompletableFuture<T> getOrCompute(String key, Class<T> type, Duration expireAfter,
      Supplier<? extends CompletableFuture<? extends T>> loader) {
    JavaType javaType = store.type(Objects.requireNonNull(type, "type"));
    return compute(key, stored -> store.decode(stored, javaType), expireAfter, loader);
  }

  /** Like {@link #getOrCompute(String, Class, Duration, Supplier)} for a generic type. */
  public <T> CompletableFuture<T> getOrCompute(String key, TypeReference<T> type,
      Duration expireAfter, Supplier<? extends CompletableFuture<? extends T>> loader) {
    JavaType javaType = store.type(Objects.requireNonNull(type, "type").getType());
    return compute(key, stored -> store.decode(stored, javaType), expireAfter, loader);
  }

  /**
   * Like {@link #getOrCompute(String, Class, Duration, Supplier)}, reading a stored value as the
   * type it was stored from when {@code allowed} allows it (see {@link ValueCache#get(String,
   * AllowedTypes)}).
   */
  public CompletableFuture<Object> getOrCompute(String key, AllowedTypes allowed,
      Duration expireAfter, Supplier<? extends CompletableFuture<?>> loader) {
    Objects.requireNonNull(allowed, "allowed");
    return compute(key, stored -> store.decode(stored, allowed), expireAfter, loader);
  }

  @SuppressWarnings("unchecked")
  private <T> CompletableFuture<T> compute(String key,
      Function<StoredValue, Optional<T>> decoder, Duration expireAfter,
      Supplier<? extends CompletableFuture<? extends T>> loader) {
    try {
      ValueCache.checkKey(key);
      ValueCache.checkDuration(expireAfter, "expireAfter");
      Objects.requireNonNull(loader, "loader");
    } catch (RuntimeException badInput) {
      return CompletableFuture.failedFuture(badInput);
    }
    SingleFlight.Flight<Void, Object> flight = flights.join(key, null);
    if (!flight.leads()) {
      return flight.future().thenApply(value -> (T) value);
    }
    submit("async read", () -> store.counted(store.read(key).flatMap(decoder)),
        Optional.<T>empty())
        .thenComposeAsync(hit -> hit.isPresent()
            ? CompletableFuture.completedFuture(hit.get()) : load(key, expireAfter, loader),
            executor)
        .whenComplete((value, failure) -> {
          if (failure != null) {
            flight.fail(unwrap(failure));
          } else {
            flight.complete(value);
          }
        });
    return flight.future().thenApply(value -> (T) value);
  }

  private <T> CompletableFuture<T> load(String key, Duration expireAfter,
      Supplier<? extends CompletableFuture<? extends T>> loader) {
    store.countCompute();
    CompletableFuture<? extends T> loading = Objects.requireNonNull(loader.get(),
        "the loader returned null instead of a future");
    // The value is written before the future completes, so a get-or-compute that starts after
    // this one completed finds it.
    return loading.thenCompose(value -> {
      if (value == null) {
        return CompletableFuture.completedFuture(null);
      }
      StoredValue stored = store.encode(key, value, store.expiresAt(expireAfter));
      return submit("async write", () -> {
        store.write(key, stored);
        return value;
      }, value);
    });
  }

  private <T> CompletableFuture<T> submit(String operation, Supplier<T> task, T whenRejected) {
    try {
      return CompletableFuture.supplyAsync(task, executor);
    } catch (RejectedExecutionException e) {
      store.rejected(operation, e);
      return CompletableFuture.completedFuture(whenRejected);
    }
  }

  private <T> CompletableFuture<T> invalidate(String operation, Supplier<T> task) {
    try {
      return CompletableFuture.supplyAsync(task, executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new StorageException("value cache " + operation
          + " was not run: the async executor is full", e));
    }
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
  }

  void close() {
    if (ownsExecutor) {
      executor.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "AsyncValueCache{" + cache + "}";
  }
}
