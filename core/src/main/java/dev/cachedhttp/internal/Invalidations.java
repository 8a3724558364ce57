package dev.cachedhttp.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this process has invalidated, so that nothing sent before an invalidation is served or
 * stored after it, and no invalidation is lost.
 *
 * <p>Every call takes a {@link #ticket()} before it looks the cache up. An invalidation of a URL
 * group (see {@link Keys#group}) gets the next number of one sequence; {@link
 * #invalidatedSince(String, long)} then tells a call whether its group was invalidated after its
 * ticket: such a call does not store its answer and does not join or lead a flight others join.
 * The log is bounded ({@value #MAX_LOGGED} groups): when it is full it is cleared and a floor
 * moves up, so every older ticket counts as invalidated (a few answers go unstored, none is
 * wrong).
 *
 * <p>An invalidation the backend could not make stays {@linkplain #pending pending}: lookups of
 * its group are misses and writes to it are skipped until a retry succeeds. Retries are due
 * {@link #RETRY_INTERVAL} apart on the injected clock. At most {@value #MAX_PENDING} groups are
 * pending; past that an invalidation is lost for the backend (logged), and every group counts as
 * pending here (the cache reads nothing) until the backlog is made. Thread-safe.
 */
final class Invalidations {
  /** Groups remembered in the log before it starts over. */
  static final int MAX_LOGGED = 4_096;

  /** Invalidations kept for retry at most. */
  static final int MAX_PENDING = 16_384;

  /** How long after a failed invalidation it is tried again. */
  static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

  /** One invalidation the backend has not made yet: what to delete. */
  record Pending(String group, List<String> prefixes) {}

  private final AtomicLong sequence = new AtomicLong();
  private final ConcurrentHashMap<String, Long> log = new ConcurrentHashMap<>();
  private final AtomicLong floor = new AtomicLong();
  private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
  private volatile boolean overflowed;
  private volatile Instant nextRetry = Instant.MIN;
  private final Clock clock;

  Invalidations(Clock clock) {
    this.clock = clock;
  }

  /** The ticket a call takes before its lookup. */
  long ticket() {
    return sequence.get();
  }

  /** Records an invalidation of {@code group} now; calls with older tickets see it. */
  void invalidated(String group) {
    long number = sequence.incrementAndGet();
    if (log.size() >= MAX_LOGGED) {
      floor.accumulateAndGet(number, Math::max);
      log.clear();
    }
    log.merge(group, number, Math::max);
  }

  /** True when {@code group} was invalidated after {@code ticket} was taken. */
  boolean invalidatedSince(String group, long ticket) {
    if (floor.get() > ticket) {
      return true;
    }
    Long last = log.get(group);
    return last != null && last > ticket;
  }

  /**
   * Keeps an invalidation the backend failed to make, to retry it. Returns false when the backlog
   * is full: the invalidation is then lost for the backend (the caller logs it), and this process
   * reads nothing from the cache until the backlog is made.
   */
  boolean failed(Pending invalidation) {
    if (pending.size() >= MAX_PENDING && !pending.containsKey(invalidation.group())) {
      overflowed = true;
      return false;
    }
    pending.put(invalidation.group(), invalidation);
    Instant next = clock.instant().plus(RETRY_INTERVAL);
    synchronized (this) {
      if (nextRetry.isBefore(next)) {
        nextRetry = next;
      }
    }
    return true;
  }

  /** Forgets an invalidation that is made; reads resume when the backlog is gone. */
  void made(String group) {
    pending.remove(group);
    if (pending.isEmpty()) {
      overflowed = false;
    }
  }

  /** True while lookups of {@code group} must be misses and writes to it skipped. */
  boolean pending(String group) {
    return overflowed || (!pending.isEmpty() && pending.containsKey(group));
  }

  /** True when some invalidation waits for a retry. */
  boolean anyPending() {
    return overflowed || !pending.isEmpty();
  }

  /**
   * Returns the pending invalidations to try now, when a retry is due (at most one caller gets
   * them per {@link #RETRY_INTERVAL}); empty otherwise.
   */
  List<Pending> due() {
    Instant now = clock.instant();
    Instant due = nextRetry;
    if (!anyPending() || now.isBefore(due)) {
      return List.of();
    }
    synchronized (this) {
      if (nextRetry != due) {
        return List.of();
      }
      nextRetry = now.plus(RETRY_INTERVAL);
    }
    return new ArrayList<>(pending.values());
  }
}
