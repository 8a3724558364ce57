package dev.cachedhttp.internal;

import dev.cachedhttp.spi.CachedResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Predicate;
import okhttp3.Call;

/**
 * Request coalescing, on the project's one {@link SingleFlight}: of concurrent calls with the
 * same flight key that need the origin, the first to {@link #join} leads a {@link Flight} and the
 * others follow it. The leader goes to the
 * origin and {@linkplain Flight#complete completes} the flight with the document it stored (or
 * nothing); each follower {@linkplain Flight#await waits} for that, bounded in time, and is served
 * from the document with a response of its own, or goes to the origin alone when there is none.
 *
 * <p>Two sequences keep it honest. A call looks the cache up before it joins; a flight that
 * completes in between would be missed and the origin asked twice, so each call takes a {@link
 * #ticket()} before its lookup and a new leader is told ({@link Flight#raced()}) when a flight
 * sharing its slot in a small fixed table completed since, so it can look again. And a flight
 * started before an invalidation of its URL group is never joined after it: the joiner leads a
 * new flight instead. Memory stays bounded: one entry per key in flight plus a fixed table.
 * Thread-safe.
 */
final class Coalescer {
  private static final int SLOTS = 1024;
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final SingleFlight<Started, CachedResponse> flights = new SingleFlight<>();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLongArray completions = new AtomicLongArray(SLOTS);
  private final Invalidations invalidations;
  /** A flight is joined unless its group was invalidated after its leader's lookup. */
  private final Predicate<Started> joinable;

  /**
   * What a leader's flight carries: the URL group and the invalidation ticket of its lookup, and
   * whether a follower gave up waiting for it.
   */
  private record Started(String group, long invalidationTicket, AtomicBoolean abandoned) {}

  Coalescer(Invalidations invalidations) {
    this.invalidations = invalidations;
    this.joinable = running -> !running.abandoned().get()
        && !this.invalidations.invalidatedSince(running.group(), running.invalidationTicket());
  }

  /** Returns a ticket to take before looking the cache up. */
  long ticket() {
    return sequence.get();
  }

  /**
   * Joins the flight of {@code key}: leads a new one when none is in flight (or the one in flight
   * started before an invalidation of its group), else follows it.
   *
   * @param ticket the call's {@link #ticket()}, taken before its lookup
   * @param invalidationTicket the call's {@link Invalidations#ticket()}, taken before its lookup
   */
  Flight join(String key, String group, long ticket, long invalidationTicket) {
    int slot = Math.floorMod(key.hashCode(), SLOTS);
    boolean raced = completions.get(slot) > ticket;
    SingleFlight.Flight<Started, CachedResponse> flight = flights.join(key,
        new Started(group, invalidationTicket, new AtomicBoolean()), joinable);
    return new Flight(flight, slot, flight.leads() && raced);
  }

  /**
   * One origin request shared by calls with the same key: a leader's view or a follower's. A
   * leader must {@link #complete} it (in a {@code finally}); a follower only awaits it.
   */
  final class Flight {
    private final SingleFlight.Flight<Started, CachedResponse> flight;
    private final int slot;
    private final boolean raced;

    private Flight(SingleFlight.Flight<Started, CachedResponse> flight, int slot,
        boolean raced) {
      this.flight = flight;
      this.slot = slot;
      this.raced = raced;
    }

    /** True for the leader's view: it goes to the origin and completes the flight. */
    boolean leads() {
      return flight.leads();
    }

    /** For a leader: a flight of a key in its slot completed since its ticket; look again. */
    boolean raced() {
      return raced;
    }

    /**
     * Ends the flight (leader only; later calls do nothing): followers get {@code shared}, the
     * document the leader stored, or null for none.
     */
    void complete(CachedResponse shared) {
      if (!flight.leads() || flight.isDone()) {
        return;
      }
      long number = sequence.incrementAndGet();
      completions.accumulateAndGet(slot, number, Math::max);
      flight.complete(shared);
    }

    /**
     * Waits (follower only) up to {@code waitNanos} for the leader; returns the document it
     * stored, or empty when it stored none or the wait ran out. A wait that runs out marks the
     * flight abandoned: later calls of the key lead a flight of their own instead of joining it
     * (a leader's caller may read a streamed body slowly, or never).
     *
     * @throws IOException when {@code call} is canceled, or the wait was its call timeout and
     *     ran out
     */
    Optional<CachedResponse> await(Call call, long waitNanos) throws IOException {
      long deadline = System.nanoTime() + waitNanos;
      while (true) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          if (call.isCanceled() || waitedOutCallTimeout(call, waitNanos)) {
            throw new InterruptedIOException("timeout while waiting for a coalesced request");
          }
          // a leader this slow (its caller reading a streamed body slowly, or never) is not
          // joined again: the next call leads a flight of its own
          flight.context().abandoned().set(true);
          return Optional.empty();
        }
        try {
          return Optional.ofNullable(flight.await(Math.min(remaining, POLL_NANOS)));
        } catch (TimeoutException notYet) {
          if (call.isCanceled()) {
            throw new InterruptedIOException("timeout while waiting for a coalesced request");
          }
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting for a coalesced request");
        } catch (ExecutionException impossible) {
          return Optional.empty();
        }
      }
    }

    /**
     * True when the wait lasted at least the call's own timeout, which started before it: the
     * call has timed out even if OkHttp's watchdog has not canceled it yet (on a busy machine it
     * runs late), so it must not go to the origin on its own.
     */
    private boolean waitedOutCallTimeout(Call call, long waitNanos) {
      long callTimeout = call.timeout().timeoutNanos();
      return callTimeout > 0 && waitNanos >= callTimeout;
    }
  }
}
