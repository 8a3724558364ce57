package dev.cachedhttp.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs at most one piece of work per key at a time: a caller that finds the work for its key
 * already running waits for it and gets its result, or the very exception it threw. Thread-safe.
 */
public final class SingleFlight {
  private final ConcurrentHashMap<String, Flight> flights = new ConcurrentHashMap<>();

  /**
   * Runs {@code work} for {@code key}, or waits for the run already in progress.
   *
   * @throws IllegalStateException when {@code work} itself asks for the same key (it would wait
   *     for itself)
   */
  @SuppressWarnings("unchecked")
  public <T> T run(String key, Supplier<T> work) {
    Flight mine = new Flight(Thread.currentThread(), new CompletableFuture<>());
    Flight running = flights.putIfAbsent(key, mine);
    if (running != null) {
      if (running.owner == Thread.currentThread()) {
        throw new IllegalStateException("the computation of key \"" + key + "\" asked for the "
            + "same key again; it would wait for itself");
      }
      return (T) await(running.result);
    }
    try {
      T value = work.get();
      mine.result.complete(value);
      return value;
    } catch (RuntimeException | Error e) {
      mine.result.completeExceptionally(e);
      throw e;
    } finally {
      flights.remove(key, mine);
    }
  }

  private static Object await(CompletableFuture<Object> result) {
    try {
      return result.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  private record Flight(Thread owner, CompletableFuture<Object> result) {}
}
