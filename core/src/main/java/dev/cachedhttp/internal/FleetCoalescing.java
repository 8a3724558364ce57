package dev.cachedhttp.internal;

import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import okhttp3.Call;

/**
 * One origin request per cold key across every instance on the backend: the first instance to
 * miss a key takes the key's lease in the backend and goes to the origin, and releases the lease
 * when its answer is stored (or will not be); the others wait for that answer to appear in the
 * backend, bounded by their call's wait and the lease, and go to the origin themselves when the
 * lease is released or expires without one. When the backend fails or the breaker is open, the
 * lease counts as taken (fail open: the instance asks the origin itself). Thread-safe.
 */
final class FleetCoalescing {
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

  private final GuardedBackend storage;
  private final Duration lease;
  private final Clock clock;
  private final String owner = UUID.randomUUID().toString();

  private FleetCoalescing(GuardedBackend storage, Duration lease, Clock clock) {
    this.storage = storage;
    this.lease = lease;
    this.clock = clock;
  }

  /**
   * The fleet coalescing of {@code settings} over {@code storage}, or null when it is off or the
   * backend has no leases.
   */
  static FleetCoalescing of(Settings settings, GuardedBackend storage) {
    return settings.fleetLease() != null && storage.leases()
        ? new FleetCoalescing(storage, settings.fleetLease(), settings.clock()) : null;
  }

  /**
   * What a turn decided: the call to carry out, and whether this instance holds the key's lease
   * (and must {@linkplain #releaseWhenSettled release} it).
   */
  record Turn<C>(C call, boolean leased) {}

  /**
   * Takes the lease on {@code key} for {@code call}, or waits for the instance that holds it.
   * While waiting, {@code lookAgain} plans the call again from what the backend holds now; the
   * wait ends with the first plan that {@code answersFromCache}, when the lease is gone (then
   * with a plan made after that), or after {@code waitNanos} or the lease's length (then with
   * {@code call}, to the origin).
   *
   * @throws InterruptedIOException when {@code httpCall} is canceled while waiting
   */
  <C> Turn<C> take(String key, C call, Call httpCall, long waitNanos, Supplier<C> lookAgain,
      Predicate<C> answersFromCache) throws InterruptedIOException {
    Optional<Instant> held = storage.acquireLease(key, owner, clock.instant().plus(lease));
    if (held.isEmpty()) {
      return new Turn<>(call, true);
    }
    long deadline = System.nanoTime() + Math.min(waitNanos, lease.toNanos());
    while (System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(POLL_NANOS);
      if (httpCall.isCanceled()) {
        throw new InterruptedIOException("canceled while waiting for another instance");
      }
      C again = lookAgain.get();
      if (answersFromCache.test(again)) {
        return new Turn<>(again, false);
      }
      if (storage.leaseHolder(key).isEmpty()) {
        return new Turn<>(lookAgain.get(), false);
      }
    }
    return new Turn<>(call, false);
  }

  /**
   * Releases the lease on {@code key} once {@code outcome} is settled: at once, or when a
   * streamed body has been stored (or will not be), so other instances find it stored.
   */
  void releaseWhenSettled(String key, Outcome outcome) {
    if (outcome != null && outcome.streamed() != null) {
      outcome.streamed().thenRun(() -> storage.releaseLease(key, owner));
    } else {
      storage.releaseLease(key, owner);
    }
  }
}
