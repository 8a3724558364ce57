package dev.cachedhttp.internal;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CacheListener;
import dev.cachedhttp.CacheStats;
import dev.cachedhttp.CircuitState;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Where everything the cache does is reported: each call's outcome, invalidations, backend
 * errors, the breaker, background refreshes. Every event goes first to the counters behind {@link
 * CacheStats} (a {@link CacheListener} of their own, on the caller's thread, contention-free) and
 * then to the user's listeners ({@link Listeners}, off the caller's thread). A few counters that
 * are no event of their own (writes made, dropped, short-circuited) are counted directly.
 * Thread-safe.
 */
public final class StatsRecorder {
  private final Counters counters = new Counters();
  private final Listeners listeners;

  /** A recorder without user listeners. */
  public StatsRecorder() {
    this(Listeners.none(java.time.Clock.systemUTC()));
  }

  /** A recorder that also tells {@code listeners}. */
  public StatsRecorder(Listeners listeners) {
    this.listeners = listeners;
  }

  /**
   * Reports the outcome of one call: the one place call outcomes are counted. A call the cache
   * could have stored the origin's answer of also reports whether it did.
   */
  void outcome(Request request, Outcome outcome) {
    report(counters, request, outcome);
    if (listeners.any()) {
      listeners.emit(listener -> report(listener, request, outcome));
    }
    if (outcome.streamed() != null) {
      outcome.streamed().thenAccept(stored -> {
        Outcome settled = new Outcome(outcome.response(), outcome.info(), stored.document(),
            stored.notStored());
        reportStore(counters, request, settled, stored.document() != null);
        if (listeners.any()) {
          listeners.emit(listener -> reportStore(listener, request, settled,
              stored.document() != null));
        }
      });
    }
  }

  /**
   * Reports the call's outcome, then whether its answer was stored, unless the answer's body is
   * still streaming: that is reported when it ends.
   */
  private static void report(CacheListener listener, Request request, Outcome outcome) {
    Response response = outcome.response();
    CacheInfo info = outcome.info();
    String key = info.cacheKey();
    switch (info.source()) {
      case CACHE -> listener.hit(request, response, key);
      case NETWORK -> listener.miss(request, response, key);
      case UNSATISFIABLE -> listener.unsatisfiable(request, response, key);
      case REVALIDATED -> listener.revalidated(request, response, key);
      case STALE_IF_ERROR -> listener.staleServed(request, response, key,
          CacheListener.StaleReason.ORIGIN_FAILED);
      case STALE_WHILE_REVALIDATE -> listener.staleServed(request, response, key,
          CacheListener.StaleReason.WHILE_REVALIDATING);
      case COALESCED -> listener.coalesced(request, response, key);
      case BYPASS -> listener.bypassed(request, response);
      default -> throw new IllegalArgumentException("unknown source " + info.source());
    }
    if (outcome.streamed() == null) {
      reportStore(listener, request, outcome, info.stored());
    }
  }

  private static void reportStore(CacheListener listener, Request request, Outcome outcome,
      boolean stored) {
    String key = outcome.info().cacheKey();
    if (stored) {
      listener.stored(request, outcome.response(), key);
    } else if (outcome.notStored() != null) {
      listener.notStored(request, outcome.response(), key, outcome.notStored());
    }
  }

  /** Reports that {@code request}'s answer invalidated the stored responses of {@code urls}. */
  void invalidated(Request request, Collection<HttpUrl> urls) {
    counters.invalidations.increment();
    if (listeners.any()) {
      for (HttpUrl url : urls) {
        listeners.emit(l -> l.invalidated(request, url));
      }
    }
  }

  /** Reports a failed backend call. */
  void backendError(String operation, Throwable failure) {
    tell(l -> l.backendError(operation, failure));
  }

  /** Reports the circuit breaker's new state. */
  public void circuitState(CircuitState state) {
    tell(l -> l.circuitStateChanged(state));
  }

  /** Reports a finished background refresh. */
  void backgroundRefresh(Request request, boolean succeeded) {
    tell(l -> l.backgroundRefresh(request, succeeded));
  }

  private void tell(Consumer<CacheListener> event) {
    event.accept(counters);
    listeners.emit(event);
  }

  /** Counts a write made. */
  public void write() {
    counters.writes.increment();
  }

  /** Counts a write that was accepted but failed or was dropped later. */
  public void writeSkipped() {
    counters.writesSkipped.increment();
  }

  /** Counts a write dropped without calling the backend: full queue or open circuit. */
  public void writeDropped() {
    counters.writesDropped.increment();
  }

  /** Counts a backend call the open circuit breaker did not make. */
  public void shortCircuited() {
    counters.shortCircuited.increment();
  }

  /** Counts an opening of the circuit breaker. */
  public void circuitOpened() {
    counters.circuitOpened.increment();
  }

  /** Returns the current counts. */
  public CacheStats snapshot() {
    return counters.snapshot();
  }

  /** The counters behind {@link CacheStats}, as a listener. */
  private static final class Counters implements CacheListener {
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder revalidations = new LongAdder();
    private final LongAdder staleServed = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder writesSkipped = new LongAdder();
    private final LongAdder backendErrors = new LongAdder();
    private final LongAdder bypassed = new LongAdder();
    private final LongAdder coalesced = new LongAdder();
    private final LongAdder invalidations = new LongAdder();
    private final LongAdder refreshes = new LongAdder();
    private final LongAdder refreshFailures = new LongAdder();
    private final LongAdder writesDropped = new LongAdder();
    private final LongAdder shortCircuited = new LongAdder();
    private final LongAdder circuitOpened = new LongAdder();
    private volatile CircuitState circuitState = CircuitState.DISABLED;

    @Override
    public void hit(Request request, Response response, String key) {
      hits.increment();
    }

    @Override
    public void miss(Request request, Response response, String key) {
      misses.increment();
    }

    @Override
    public void unsatisfiable(Request request, Response response, String key) {
      misses.increment();
    }

    @Override
    public void revalidated(Request request, Response response, String key) {
      revalidations.increment();
    }

    @Override
    public void staleServed(Request request, Response response, String key,
        StaleReason reason) {
      staleServed.increment();
    }

    @Override
    public void coalesced(Request request, Response response, String key) {
      coalesced.increment();
    }

    @Override
    public void bypassed(Request request, Response response) {
      bypassed.increment();
    }

    /**
     * A write the backend failed or the breaker dropped is counted where it happens (it may
     * happen later, on the background writer); every other reason here.
     */
    @Override
    public void notStored(Request request, Response response, String key,
        NotStoredReason reason) {
      if (reason != NotStoredReason.WRITE_FAILED && reason != NotStoredReason.BREAKER_OPEN) {
        writesSkipped.increment();
      }
    }

    @Override
    public void backendError(String operation, Throwable error) {
      backendErrors.increment();
    }

    @Override
    public void circuitStateChanged(CircuitState state) {
      circuitState = state;
    }

    @Override
    public void backgroundRefresh(Request request, boolean succeeded) {
      (succeeded ? refreshes : refreshFailures).increment();
    }

    CacheStats snapshot() {
      return new CacheStats(hits.sum(), misses.sum(), revalidations.sum(), staleServed.sum(),
          writes.sum(), writesSkipped.sum(), backendErrors.sum(), bypassed.sum(),
          coalesced.sum(), invalidations.sum(), refreshes.sum(), refreshFailures.sum(),
          writesDropped.sum(), circuitState, circuitOpened.sum(), shortCircuited.sum());
    }
  }
}
