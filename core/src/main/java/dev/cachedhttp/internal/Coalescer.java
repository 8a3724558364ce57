package dev.cachedhttp.internal;

import dev.cachedhttp.spi.CachedResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import okhttp3.Call;
import okhttp3.Response;

/**
 * Request coalescing: of concurrent calls with the same key that need the origin, the first (the
 * leader) goes; the others wait for it, bounded in time, and are answered from the document the
 * leader stored, each with a response (and body) of its own. When the leader fails, produces
 * nothing shareable, or the wait runs out, a waiter goes to the origin on its own; a waiter whose
 * call timed out (or was canceled) while it waited fails as a timed-out call does.
 *
 * <p>A call looks the cache up before it joins a flight; a flight that completes in between would
 * be missed and the origin asked twice. To close that gap each call takes a {@link #ticket()}
 * before its lookup, and a new leader is told when a flight for its key (or one sharing its
 * slot in a small fixed table) completed since its ticket, so it can look again. Memory stays
 * bounded: one entry per key in flight plus a fixed table. Thread-safe.
 */
final class Coalescer {
  private static final int SLOTS = 1024;
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final ConcurrentHashMap<String, CompletableFuture<CachedResponse>> flights =
      new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLongArray completions = new AtomicLongArray(SLOTS);

  /**
   * What a leader produced.
   *
   * @param response its own response
   * @param shared the stored document waiters may be served from, or null for none
   */
  public record Outcome(Response response, CachedResponse shared) {}

  /** The leader's work; {@code raced} says a flight for the key completed since the ticket. */
  @FunctionalInterface
  public interface Leader {
    /** Does the work. */
    Outcome call(boolean raced) throws IOException;
  }

  /** Builds a waiter's response from the shared document; empty when it does not fit. */
  @FunctionalInterface
  public interface Follower {
    /** Serves {@code shared}, or returns empty. */
    Optional<Response> serve(CachedResponse shared);
  }

  /** A waiter's own trip to the origin. */
  @FunctionalInterface
  public interface Alone {
    /** Does the work. */
    Response call() throws IOException;
  }

  /** Returns a ticket to take before looking the cache up. */
  public long ticket() {
    return sequence.get();
  }

  /** The number of keys with a request in flight now. */
  public int inFlight() {
    return flights.size();
  }

  /**
   * Runs {@code leader} when no call with {@code key} is in flight; otherwise waits up to {@code
   * waitNanos} for it and serves {@code follower}, falling back to {@code alone}.
   *
   * @throws IOException from the leader's or the lone work, or when {@code call} is canceled
   *     while it waits
   */
  public Response run(String key, long ticket, Call call, long waitNanos, Leader leader,
      Follower follower, Alone alone) throws IOException {
    CompletableFuture<CachedResponse> mine = new CompletableFuture<>();
    CompletableFuture<CachedResponse> flight = flights.putIfAbsent(key, mine);
    if (flight == null) {
      return lead(key, ticket, mine, leader);
    }
    CachedResponse shared = await(flight, call, waitNanos);
    if (shared == null && call.isCanceled()) {
      throw new InterruptedIOException("timeout while waiting for a coalesced request");
    }
    if (shared != null) {
      Optional<Response> served = follower.serve(shared);
      if (served.isPresent()) {
        return served.get();
      }
    }
    return alone.call();
  }

  private Response lead(String key, long ticket, CompletableFuture<CachedResponse> mine,
      Leader leader) throws IOException {
    CachedResponse shared = null;
    int slot = Math.floorMod(key.hashCode(), SLOTS);
    try {
      Outcome outcome = leader.call(completions.get(slot) > ticket);
      shared = outcome.shared();
      return outcome.response();
    } finally {
      long done = sequence.incrementAndGet();
      completions.accumulateAndGet(slot, done, Math::max);
      flights.remove(key, mine);
      mine.complete(shared);
    }
  }

  private static CachedResponse await(CompletableFuture<CachedResponse> flight, Call call,
      long waitNanos) throws IOException {
    long deadline = System.nanoTime() + waitNanos;
    while (true) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        return null;
      }
      try {
        return flight.get(Math.min(remaining, POLL_NANOS), TimeUnit.NANOSECONDS);
      } catch (TimeoutException notYet) {
        if (call.isCanceled()) {
          throw new IOException("Canceled");
        }
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for a coalesced request");
      } catch (ExecutionException impossible) {
        return null;
      }
    }
  }
}
