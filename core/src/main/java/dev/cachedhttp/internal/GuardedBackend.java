package dev.cachedhttp.internal;

import dev.cachedhttp.CircuitBreakerConfig;
import dev.cachedhttp.CircuitState;
import dev.cachedhttp.WriteMode;
import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.EntryTooLargeException;
import dev.cachedhttp.spi.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place the cache, and every value cache, talks to its backend: every failure becomes a
 * miss or a skipped write, is counted, and is logged at WARN at most once a minute per operation.
 * Nothing thrown by a backend (not even an {@link Error} subclass other than a virtual machine
 * error) reaches the caller, except from {@link #invalidate}, which throws {@link
 * StorageException} by contract. Every call goes through a {@link CircuitBreaker}: while it is
 * open, reads are misses and writes are dropped without calling the backend. In {@link
 * WriteMode#ASYNC} writes and deletions are made by a {@link BackgroundWriter} and are visible to
 * lookups through {@link PendingWrites} until they are made. Thread-safe.
 */
public final class GuardedBackend implements AutoCloseable {
  /**
   * Reads that find a body larger than this (256 KiB; on DynamoDB, chunked bodies start at 400
   * KB) are not judged slow by the breaker.
   */
  public static final int LARGE_READ_BYTES = 256 << 10;

  /** How long {@link #close()} waits for queued writes. */
  public static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(GuardedBackend.class);

  /** How a write ended; {@code TOO_LARGE} is the backend refusing the entry, not a failure. */
  enum Outcome { DONE, FAILED, SHORT_CIRCUITED, TOO_LARGE }

  private final Backend backend;
  private final StatsRecorder stats;
  private final WarningLimiter warnings;
  private final CircuitBreaker breaker;
  private final BackgroundWriter writer;
  private final PendingWrites pending;
  private final ExecutingWrites executing = new ExecutingWrites();

  /**
   * Guards {@code backend}, counting into {@code stats}, with a breaker configured by {@code
   * breaker}; {@link WriteMode#AUTO} asks {@link Backend#remote()}. Writes made in the background
   * go through a writer of {@code writeConcurrency} threads whose queue holds at most {@code
   * writeQueueCapacity} writes and {@code writeQueueBytes} bytes.
   */
  public GuardedBackend(Backend backend, StatsRecorder stats, Clock clock,
      CircuitBreakerConfig breaker, WriteMode mode, int writeQueueCapacity,
      long writeQueueBytes, int writeConcurrency) {
    this.backend = backend;
    this.stats = stats;
    this.warnings = new WarningLimiter(clock);
    boolean remote = remote(backend);
    this.breaker = new CircuitBreaker(breaker, clock, stats, backend.getClass().getSimpleName(),
        remote);
    boolean async = mode == WriteMode.ASYNC || (mode == WriteMode.AUTO && remote);
    this.writer = async ? new BackgroundWriter(
        new BackgroundWriter.Limits(writeQueueCapacity, writeQueueBytes, writeConcurrency)) : null;
    this.pending = new PendingWrites(clock);
  }

  private static boolean remote(Backend backend) {
    try {
      return backend.remote();
    } catch (RuntimeException bug) {
      return true;
    }
  }

  /** The guarded backend. */
  public Backend backend() {
    return backend;
  }

  /** The circuit breaker's state. */
  public CircuitState circuitState() {
    return breaker.state();
  }

  /** Looks {@code key} up, following redirect aliases; a failure is an empty result. */
  public Optional<Backend.Lookup> lookup(String key) {
    if (pending.isEmpty()) {
      return backendLookup(key);
    }
    return pending.lookup(key, this::backendLookup, this::backendGet);
  }

  /** Reads the response stored under {@code key} itself (no alias); a failure is empty. */
  public Optional<CachedResponse> get(String key) {
    return pending.isEmpty() ? backendGet(key) : pending.get(key, this::backendGet);
  }

  private Optional<Backend.Lookup> backendLookup(String key) {
    return read(() -> backend.lookup(key));
  }

  private Optional<CachedResponse> backendGet(String key) {
    return read(() -> backend.responses().get(key));
  }

  /**
   * Makes one read through the breaker: empty (counted, logged) when the backend fails or the
   * breaker is open. Value caches read their namespaces through it.
   */
  <T> Optional<T> read(Supplier<Optional<T>> call) {
    CircuitBreaker.Permit permit = breaker.acquire();
    if (permit == null) {
      stats.shortCircuited();
      return Optional.empty();
    }
    try {
      Optional<T> found = call.get();
      breaker.completed(permit, false, !large(found));
      return found == null ? Optional.empty() : found;
    } catch (RuntimeException | LinkageError | AssertionError failure) {
      breaker.completed(permit, true, true);
      failed("read", failure);
      return Optional.empty();
    }
  }

  /**
   * True when a read found a body past {@link #LARGE_READ_BYTES}: its time says more about its
   * size than about the backend's health, so it is judged only by whether it threw.
   */
  private static boolean large(Optional<?> found) {
    Object value = found == null ? null : found.orElse(null);
    CachedResponse response = value instanceof Backend.Lookup lookup ? lookup.response()
        : value instanceof CachedResponse stored ? stored : null;
    return response != null && response.body().size() > LARGE_READ_BYTES;
  }

  /**
   * Stores a response, now or queued; returns false (counted as a skipped write) when the
   * backend fails, the breaker is open or the queue is full (by count or bytes: a dropped write
   * changes nothing pending, so a queued deletion of the key is still made).
   */
  public boolean put(String key, CachedResponse response, Instant expiresAt) {
    if (writer == null) {
      return putNow(key, response, expiresAt);
    }
    long bytes = WriteSizes.of(key, response);
    if (!writer.reserve(bytes)) {
      stats.writeDropped();
      stats.writeSkipped();
      return false;
    }
    PendingWrites.Entry<CachedResponse> entry = pending.response(key, response, expiresAt);
    boolean queued = writer.execute(key, bytes, () -> {
      executing.add(key);
      Outcome outcome = null;
      try {
        if (pending.isCurrent(key, entry)) {
          outcome = write("write", () -> backend.responses().put(key, response, expiresAt));
        }
      } finally {
        executing.remove(key);
        pending.done(key, entry);
      }
      if (outcome != null) {
        countWrite(outcome); // after the entry stops being pending: counted means settled
      }
    });
    if (!queued) {
      pending.done(key, entry);
      stats.writeDropped();
      stats.writeSkipped();
    }
    return queued;
  }

  private boolean putNow(String key, CachedResponse response, Instant expiresAt) {
    return countWrite(write("write", () -> backend.responses().put(key, response, expiresAt)));
  }

  private boolean countWrite(Outcome outcome) {
    if (outcome == Outcome.DONE) {
      stats.write();
    } else {
      stats.writeSkipped();
    }
    return outcome == Outcome.DONE;
  }

  /** Stores a redirect alias, now or queued; failures are counted and logged. */
  public void putAlias(String alias, String target, Instant expiresAt) {
    if (writer == null) {
      write("redirect write", () -> backend.redirects().put(alias, target, expiresAt));
      return;
    }
    long bytes = WriteSizes.of(alias, target);
    if (!writer.reserve(bytes)) {
      stats.writeDropped();
      return;
    }
    PendingWrites.Entry<String> entry = pending.alias(alias, target, expiresAt);
    boolean queued = writer.execute(alias, bytes, () -> {
      executing.add(alias);
      try {
        if (pending.isCurrent(alias, entry)) {
          write("redirect write", () -> backend.redirects().put(alias, target, expiresAt));
        }
      } finally {
        executing.remove(alias);
        pending.done(alias, entry);
      }
    });
    if (!queued) {
      pending.done(alias, entry);
      stats.writeDropped();
    }
  }

  /** True when the backend grants leases for fleet-wide coalescing. */
  public boolean leases() {
    try {
      return backend.leases().isPresent();
    } catch (RuntimeException bug) {
      return false;
    }
  }

  /**
   * Tries to take the lease on {@code key}: empty when taken, or when the backend failed or the
   * breaker is open (fail open: the caller then asks the origin itself); otherwise when the
   * holder's lease expires. Lease calls are skipped while the breaker is open but never judged
   * by it: the breaker judges the backend by the reads and writes of responses.
   */
  public Optional<Instant> acquireLease(String key, String owner, Instant expiresAt) {
    return unjudged("lease", () -> backend.leases().flatMap(l -> l.acquire(key, owner,
        expiresAt)));
  }

  /** When the lease on {@code key} expires; empty when none is held or the backend failed. */
  public Optional<Instant> leaseHolder(String key) {
    return unjudged("lease", () -> backend.leases().flatMap(l -> l.holder(key)));
  }

  private <T> Optional<T> unjudged(String operation, Supplier<Optional<T>> call) {
    if (breaker.state() == CircuitState.OPEN) {
      return Optional.empty();
    }
    try {
      Optional<T> result = call.get();
      return result == null ? Optional.empty() : result;
    } catch (RuntimeException | LinkageError | AssertionError failure) {
      failed(operation, failure);
      return Optional.empty();
    }
  }

  /**
   * Gives up {@code owner}'s lease on {@code key} once this instance's writes of {@code key}
   * queued so far are made (on the key's writer thread; at once when writes are synchronous), so that instances waiting on the lease find the
   * stored response when it is gone; failures are counted and logged.
   */
  public void releaseLease(String key, String owner) {
    Runnable release = () -> unjudged("lease", () -> {
      backend.leases().ifPresent(l -> l.release(key, owner));
      return Optional.empty();
    });
    if (writer == null || !writer.submit(key, WriteSizes.of(key, owner), release)) {
      release.run();
    }
  }

  /** Deletes the redirect alias under {@code alias} now; failures are counted and logged. */
  public void deleteAlias(String alias) {
    write("redirect delete", () -> backend.redirects().delete(alias));
  }

  /**
   * Deletes, now, every response and redirect alias whose key starts with one of {@code
   * prefixes}. Queued writes of such keys are dropped first and writes already being made are
   * waited for (at most {@link #DEFAULT_FLUSH_TIMEOUT}), so none of them lands after the deletion.
   * Returns false when the backend failed or the breaker is open: nothing is then known to be
   * deleted and the caller keeps the invalidation to retry it.
   */
  public boolean deletePrefixes(List<String> prefixes) {
    pending.cancel(prefixes);
    executing.awaitNone(prefixes, DEFAULT_FLUSH_TIMEOUT);
    return write("invalidation", () -> {
      for (String prefix : prefixes) {
        backend.responses().deleteWithPrefix(prefix);
        backend.redirects().deleteWithPrefix(prefix);
      }
    }) == Outcome.DONE;
  }

  /**
   * Deletes the response under {@code key}: queued behind earlier writes of the key (always
   * made, even when a later write of the key replaced it), with an allowance of its own when
   * writes fill the queue, or at once when that is full too (earlier queued writes of the key
   * are then skipped); failures are counted and logged.
   */
  public void delete(String key) {
    if (writer == null) {
      write("delete", () -> backend.responses().delete(key));
      return;
    }
    PendingWrites.Entry<CachedResponse> entry = pending.response(key, null, null);
    Runnable deletion = () -> {
      try {
        write("delete", () -> backend.responses().delete(key));
      } finally {
        pending.done(key, entry);
      }
    };
    long bytes = WriteSizes.of(key, "");
    if (!writer.reserveDeletion(bytes) || !writer.execute(key, bytes, deletion)) {
      deletion.run();
    }
  }

  /**
   * Makes one write through the breaker, now: a failure is counted and logged, never thrown.
   * Value caches write their namespaces through it.
   */
  Outcome write(String operation, Runnable call) {
    CircuitBreaker.Permit permit = breaker.acquire();
    if (permit == null) {
      stats.shortCircuited();
      stats.writeDropped();
      return Outcome.SHORT_CIRCUITED;
    }
    try {
      call.run();
      breaker.completed(permit, false, false);
      return Outcome.DONE;
    } catch (EntryTooLargeException tooLarge) {
      breaker.completed(permit, false, false);
      LOG.debug("cache {} skipped: {}", operation, tooLarge.getMessage());
      return Outcome.TOO_LARGE;
    } catch (RuntimeException | LinkageError | AssertionError failure) {
      breaker.completed(permit, true, false);
      failed(operation, failure);
      return Outcome.FAILED;
    }
  }

  /**
   * Guards a value cache's {@code backend}: a breaker configured by {@code breaker}, writes made
   * at once on the caller's thread ({@link WriteMode#SYNC}: a value cache's API promises that a
   * put is readable when it returns), counted into {@code stats}.
   */
  static GuardedBackend forValues(Backend backend, StatsRecorder stats, Clock clock,
      CircuitBreakerConfig breaker) {
    return new GuardedBackend(backend, stats, clock, breaker, WriteMode.SYNC, 1, 1, 1);
  }

  /**
   * Makes one deletion through the breaker, now, that must not silently fail (a value cache's
   * {@code delete} and {@code clear}): a failure is counted and thrown, not logged (the caller
   * learns of it); while the breaker is open the backend is not called and it throws too.
   *
   * @throws StorageException when the backend failed or the breaker is open
   */
  <T> T invalidate(String operation, Supplier<T> call) {
    CircuitBreaker.Permit permit = breaker.acquire();
    if (permit == null) {
      stats.shortCircuited();
      throw new StorageException(operation + " not attempted on "
          + backend.getClass().getSimpleName() + ": the circuit breaker is open after repeated "
          + "backend failures");
    }
    try {
      T result = call.get();
      breaker.completed(permit, false, false);
      return result;
    } catch (RuntimeException | LinkageError | AssertionError failure) {
      breaker.completed(permit, true, false);
      stats.backendError(operation, failure);
      throw failure instanceof StorageException storage ? storage
          : new StorageException(operation + " failed on " + backend.getClass().getSimpleName()
              + ": " + failure.getMessage(), failure);
    }
  }

  /**
   * Waits up to {@link #DEFAULT_FLUSH_TIMEOUT} for queued writes; those not made by then are
   * dropped and counted. Does not close the backend.
   */
  @Override
  public void close() {
    if (writer != null) {
      int abandoned = writer.close(DEFAULT_FLUSH_TIMEOUT);
      for (int i = 0; i < abandoned; i++) {
        stats.writeDropped();
      }
    }
  }

  private void failed(String operation, Throwable failure) {
    stats.backendError(operation, failure);
    if (warnings.due(operation)) {
      LOG.warn("cache {} failed on {}; the call goes on without the cache ({}: {}). "
              + "Further {} failures are counted in the cache's stats and logged at most once a "
              + "minute.",
          operation, backend.getClass().getSimpleName(), failure.getClass().getName(),
          failure.getMessage(), operation);
    } else {
      LOG.debug("cache {} failed", operation, failure);
    }
  }
}
