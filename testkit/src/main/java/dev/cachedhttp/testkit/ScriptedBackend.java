package dev.cachedhttp.testkit;

import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.Storage;
import dev.cachedhttp.spi.StorageException;
import dev.cachedhttp.spi.StoredValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A backend over another whose behaviour a test changes while it runs: every storage call can
 * throw a {@link StorageException} ({@link #failing}), take time on a {@link MutableClock} ({@link
 * #callsTake}, the clock moves forward inside the call, so a slow backend needs no sleeping), or,
 * for writes, wait until the test lets it go on ({@link #holdWrites}). Counts the calls that
 * reached it. It says it is {@linkplain #remote() remote}, as a network store would. Thread-safe.
 */
public final class ScriptedBackend implements Backend {
  /** How long a held write waits for {@link #releaseWrites()} at most. */
  public static final Duration HOLD_LIMIT = Duration.ofSeconds(10);

  private final Backend delegate;
  private final MutableClock clock;
  private final Storage<CachedResponse> responses;
  private final Storage<String> redirects;
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private volatile boolean failing;
  private volatile Duration takes = Duration.ZERO;
  private volatile Semaphore gate;

  /** Wraps {@code delegate}; slow calls move {@code clock}. */
  public ScriptedBackend(Backend delegate, MutableClock clock) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.responses = new Scripted<>(delegate.responses());
    this.redirects = new Scripted<>(delegate.redirects());
  }

  /** From now on every call throws (true) or works (false). */
  public ScriptedBackend failing(boolean failing) {
    this.failing = failing;
    return this;
  }

  /** From now on every call moves the clock forward by {@code duration} before it returns. */
  public ScriptedBackend callsTake(Duration duration) {
    this.takes = Objects.requireNonNull(duration, "duration");
    return this;
  }

  /** From now on writes wait (at most {@link #HOLD_LIMIT}) until {@link #releaseWrites()}. */
  public ScriptedBackend holdWrites() {
    this.gate = new Semaphore(0);
    return this;
  }

  /** Lets held and later writes go on. */
  public ScriptedBackend releaseWrites() {
    Semaphore held = gate;
    gate = null;
    if (held != null) {
      held.release(Integer.MAX_VALUE / 2);
    }
    return this;
  }

  /** The storage calls that reached this backend, failed ones included. */
  public long calls() {
    return calls.get();
  }

  /** About how many writes are waiting for {@link #releaseWrites()} now. */
  public int waitingWrites() {
    Semaphore held = gate;
    return held == null ? 0 : held.getQueueLength();
  }

  /** The writes ({@code put}, {@code delete}) that completed without throwing. */
  public long writes() {
    return writes.get();
  }

  @Override
  public Storage<CachedResponse> responses() {
    return responses;
  }

  @Override
  public Storage<String> redirects() {
    return redirects;
  }

  /** The delegate's value namespace {@code namespace}, scripted like the other namespaces. */
  @Override
  public Storage<StoredValue> values(String namespace) {
    return new Scripted<>(delegate.values(namespace));
  }

  @Override
  public boolean remote() {
    return true;
  }

  @Override
  public long maxBodyBytes() {
    return delegate.maxBodyBytes();
  }

  @Override
  public void close() {
    releaseWrites();
    delegate.close();
  }

  private void enter() {
    calls.incrementAndGet();
    clock.advance(takes);
    if (failing) {
      throw new StorageException("backend unavailable (ScriptedBackend)");
    }
  }

  private void enterWrite() {
    Semaphore held = gate;
    if (held != null) {
      try {
        if (!held.tryAcquire(HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new StorageException("write held longer than " + HOLD_LIMIT);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException("interrupted while held");
      }
    }
    enter();
  }

  private final class Scripted<V> implements Storage<V> {
    private final Storage<V> store;

    Scripted(Storage<V> store) {
      this.store = store;
    }

    @Override
    public Optional<V> get(String key) {
      enter();
      return store.get(key);
    }

    @Override
    public void put(String key, V value, Instant expiresAt) {
      enterWrite();
      store.put(key, value, expiresAt);
      writes.incrementAndGet();
    }

    @Override
    public boolean delete(String key) {
      enterWrite();
      boolean deleted = store.delete(key);
      writes.incrementAndGet();
      return deleted;
    }

    @Override
    public Stream<String> keys() {
      enter();
      return store.keys();
    }

    @Override
    public void clear() {
      enter();
      store.clear();
    }

    @Override
    public long count() {
      enter();
      return store.count();
    }
  }
}
