package dev.cachedhttp.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread, {@code cachedhttp-writer}, that makes backend writes in the order they were
 * submitted, with a bounded queue: {@link #submit} refuses work when the queue is full. {@link
 * #close(Duration)} lets queued writes finish within a deadline and abandons the rest. Thread-safe.
 */
final class BackgroundWriter {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundWriter.class);

  private final ThreadPoolExecutor executor;

  BackgroundWriter(int queueCapacity) {
    this.executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(queueCapacity), runnable -> {
          Thread thread = new Thread(runnable, "cachedhttp-writer");
          thread.setDaemon(true);
          return thread;
        });
    executor.allowCoreThreadTimeOut(true);
  }

  /** Queues {@code write}; false when the queue is full or the writer is closed. */
  boolean submit(Runnable write) {
    try {
      executor.execute(write);
      return true;
    } catch (RejectedExecutionException full) {
      return false;
    }
  }

  /** How many writes wait in the queue (not counting one being made). */
  int queued() {
    return executor.getQueue().size();
  }

  /**
   * Stops accepting writes and waits up to {@code deadline} for the queued ones; returns how many
   * were abandoned.
   */
  int close(Duration deadline) {
    executor.shutdown();
    try {
      if (executor.awaitTermination(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        return 0;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Runnable> abandoned = executor.shutdownNow();
    LOG.warn("cache writer did not finish within {}; {} queued write(s) abandoned", deadline,
        abandoned.size());
    return abandoned.size();
  }
}
