package dev.cachedhttp.internal;

import dev.cachedhttp.CacheListener;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's {@link CacheListener}s and how events reach them: off the caller's thread, on an
 * executor, each listener in turn, every exception caught and logged at most once a minute. With
 * no listener an event costs nothing. Thread-safe.
 */
public final class Listeners implements AutoCloseable {
  /** Queue capacity of the built-in delivery thread. */
  public static final int DEFAULT_QUEUE_CAPACITY = 4_096;

  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  private final List<CacheListener> listeners;
  private final Executor executor;
  private final boolean ownsExecutor;
  private final WarningLimiter warnings;

  /**
   * Creates the delivery for {@code listeners}.
   *
   * @param executor where events are delivered, or null for a built-in daemon thread with a
   *     queue of {@link #DEFAULT_QUEUE_CAPACITY} (made only when there are listeners)
   */
  public Listeners(List<CacheListener> listeners, Executor executor, Clock clock) {
    this.listeners = List.copyOf(listeners);
    this.ownsExecutor = executor == null && !this.listeners.isEmpty();
    this.executor = ownsExecutor
        ? BoundedExecutors.create("cachedhttp-listener", 1, DEFAULT_QUEUE_CAPACITY) : executor;
    this.warnings = new WarningLimiter(clock);
  }

  /** No listeners. */
  static Listeners none(Clock clock) {
    return new Listeners(List.of(), null, clock);
  }

  /** True when some listener is registered. */
  boolean any() {
    return !listeners.isEmpty();
  }

  /** Delivers {@code event} to every listener. */
  void emit(Consumer<CacheListener> event) {
    if (listeners.isEmpty()) {
      return;
    }
    try {
      executor.execute(() -> deliver(event));
    } catch (RuntimeException full) {
      if (warnings.due("listener queue")) {
        LOG.warn("cache listener events are dropped: the listeners are slower than the calls "
            + "(queue of {} full, or the executor refused them)", DEFAULT_QUEUE_CAPACITY);
      }
    }
  }

  private void deliver(Consumer<CacheListener> event) {
    for (CacheListener listener : listeners) {
      try {
        event.accept(listener);
      } catch (VirtualMachineError fatal) {
        throw fatal;
      } catch (Throwable failure) {
        if (warnings.due("listener " + listener.getClass().getName())) {
          LOG.warn("cache listener {} threw; the call was not affected",
              listener.getClass().getName(), failure);
        }
      }
    }
  }

  /** Stops the built-in delivery thread; events not yet delivered are dropped. */
  @Override
  public void close() {
    if (ownsExecutor && executor instanceof ExecutorService pool) {
      pool.shutdown();
    }
  }
}
