package dev.cachedhttp.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.Response;
import okio.Okio;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes stale entries in the background (stale-while-revalidate): at most one refresh per
 * key at a time, on a bounded executor. A refresh is a clone of the original call executed on the
 * executor's thread; while it runs, {@link #isBackgroundRefresh(Call)} is true for it, so the interceptor
 * revalidates instead of serving stale again. Which calls are refreshes is this refresher's own
 * state: nothing is shared between caches or threads. Failures and rejections are logged and
 * counted, never thrown. Thread-safe.
 */
public final class BackgroundRefresher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundRefresher.class);

  private final Executor executor;
  private final boolean owned;
  private final StatsRecorder stats;
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final Set<Call> refreshes = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Creates a refresher on {@code executor}; {@link #close()} shuts it down only when {@code
   * owned} and it is an {@link ExecutorService}.
   */
  public BackgroundRefresher(Executor executor, boolean owned, StatsRecorder stats) {
    this.executor = executor;
    this.owned = owned;
    this.stats = stats;
  }

  /**
   * A pool of {@code threads} daemon threads named {@code cachedhttp-refresh-N} that time out
   * when idle, with a queue of {@code queueCapacity}; it rejects work when the queue is full.
   */
  public static ThreadPoolExecutor defaultExecutor(int threads, int queueCapacity) {
    return BoundedExecutors.create("cachedhttp-refresh", threads, queueCapacity);
  }

  /** True when {@code call} is a background refresh this refresher started and still runs. */
  public boolean isBackgroundRefresh(Call call) {
    return !refreshes.isEmpty() && refreshes.contains(call);
  }

  /** Schedules a refresh of {@code key} by a clone of {@code call}, unless one is running. */
  public void schedule(String key, Call call) {
    if (closed.get() || !running.add(key)) {
      return;
    }
    Call refresh = call.clone();
    refreshes.add(refresh);
    try {
      executor.execute(() -> refresh(key, refresh));
    } catch (RejectedExecutionException full) {
      running.remove(key);
      refreshes.remove(refresh);
      stats.backgroundRefresh(refresh.request(), false);
      LOG.warn("background refresh of {} rejected by its executor; the stale entry stays "
          + "until the next request revalidates it", refresh.request().url().redact());
    }
  }

  private void refresh(String key, Call call) {
    try (Response response = call.execute()) {
      response.body().source().readAll(Okio.blackhole()); // a miss's body is stored at its end
      if (response.code() >= 500) {
        stats.backgroundRefresh(call.request(), false);
        LOG.warn("background refresh of {} got status {}", call.request().url().redact(),
            response.code());
      } else {
        stats.backgroundRefresh(call.request(), true);
      }
    } catch (Exception | LinkageError failure) {
      stats.backgroundRefresh(call.request(), false);
      LOG.warn("background refresh of {} failed ({}: {})", call.request().url().redact(),
          failure.getClass().getName(), failure.getMessage());
    } finally {
      refreshes.remove(call);
      running.remove(key);
    }
  }

  /** Stops scheduling; shuts an owned executor down, dropping refreshes not yet started. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    refreshes.clear();
    if (owned && executor instanceof ExecutorService pool) {
      List<Runnable> dropped = pool.shutdownNow();
      if (!dropped.isEmpty()) {
        LOG.debug("dropped {} background refreshes at close", dropped.size());
      }
    }
  }
}
