package dev.cachedhttp.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The single-flight of the project (HTTP request coalescing, {@code ValueCache} and {@code
 * AsyncValueCache} get-or-compute): of concurrent callers that {@link #join} one key, the first
 * leads a {@link Flight} and the others follow it. The leader does the work and ends the flight
 * with a value ({@link Flight#complete}) or a failure ({@link Flight#fail}); followers wait for
 * that, without bound ({@link Flight#await()}), bounded ({@link Flight#await(long)}) or as a
 * future ({@link Flight#future()}). What a follower makes of a failure or an empty value is its
 * own affair: the value cache's followers get the leader's exception, HTTP followers never see
 * one (their leader completes with what it stored, or null).
 *
 * <p>A leader attaches a context to its flight (the HTTP cache: the URL group and the
 * invalidation ticket of its lookup; the value cache: its thread), which joiners can read and may
 * refuse: a joiner that refuses the running flight leads a new one in its place, and the old
 * leader's completion then reaches only its own followers. Memory: one entry per key in flight.
 * Thread-safe.
 *
 * @param <C> what a leader attaches to its flight
 * @param <V> what a flight completes with
 */
public final class SingleFlight<C, V> {
  private final ConcurrentHashMap<String, Flight<C, V>> flights = new ConcurrentHashMap<>();

  /** Joins the flight of {@code key}: leads a new one with {@code context}, or follows one. */
  public Flight<C, V> join(String key, C context) {
    return join(key, context, running -> true);
  }

  /**
   * Joins the flight of {@code key}: leads a new one with {@code context} when none is in flight
   * or {@code joinable} refuses the context of the one in flight, else follows it.
   */
  public Flight<C, V> join(String key, C context, Predicate<? super C> joinable) {
    while (true) {
      Flight<C, V> mine = new Flight<>(this, key, context, true, new CompletableFuture<>());
      Flight<C, V> current = flights.putIfAbsent(key, mine);
      if (current == null) {
        return mine;
      }
      if (joinable.test(current.context)) {
        return current.follower();
      }
      if (flights.replace(key, current, mine)) {
        return mine;
      }
    }
  }

  /**
   * One piece of work shared by the callers of a key: the leader's view or a follower's. A
   * leader must end it, with {@link #complete} or {@link #fail}, in every case (a {@code
   * finally}); a follower only waits for it.
   *
   * @param <C> what the leader attached
   * @param <V> what it completes with
   */
  public static final class Flight<C, V> {
    private final SingleFlight<C, V> owner;
    private final String key;
    private final C context;
    private final boolean leader;
    private final CompletableFuture<V> done;

    private Flight(SingleFlight<C, V> owner, String key, C context, boolean leader,
        CompletableFuture<V> done) {
      this.owner = owner;
      this.key = key;
      this.context = context;
      this.leader = leader;
      this.done = done;
    }

    private Flight<C, V> follower() {
      return new Flight<>(owner, key, context, false, done);
    }

    /** True for the leader's view: it does the work and ends the flight. */
    public boolean leads() {
      return leader;
    }

    /** What the leader attached when it joined. */
    public C context() {
      return context;
    }

    /** True once the leader ended the flight. */
    public boolean isDone() {
      return done.isDone();
    }

    /**
     * Ends the flight (leader only; a follower's call or a later call does nothing): the key is
     * free for a new flight, and followers get {@code value}.
     */
    public void complete(V value) {
      if (leader && !done.isDone()) {
        owner.flights.remove(key, this);
        done.complete(value);
      }
    }

    /**
     * Ends the flight with {@code failure} (leader only; a follower's call or a later call does
     * nothing): the key is free for a new flight, and followers get {@code failure}.
     */
    public void fail(Throwable failure) {
      if (leader && !done.isDone()) {
        owner.flights.remove(key, this);
        done.completeExceptionally(failure);
      }
    }

    /**
     * Waits, without bound and without reacting to interrupts, for the leader; returns its
     * value, or throws the very {@link RuntimeException} or {@link Error} it failed with.
     */
    public V await() {
      try {
        return done.join();
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

    /**
     * Waits up to {@code nanos} for the leader and returns its value.
     *
     * @throws TimeoutException when the leader has not ended the flight by then
     * @throws InterruptedException when the thread is interrupted while it waits
     * @throws ExecutionException when the leader failed (its failure is the cause)
     */
    public V await(long nanos) throws TimeoutException, InterruptedException, ExecutionException {
      return done.get(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * A future of the flight's end: the leader's value or failure. Completing or cancelling it
     * does not end the flight.
     */
    public CompletableFuture<V> future() {
      return done.copy();
    }
  }
}
