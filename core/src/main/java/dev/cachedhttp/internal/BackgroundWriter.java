package dev.cachedhttp.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes backend writes off the callers' threads on {@code lanes} daemon threads ({@code
 * cachedhttp-writer-N}), so that an instance's write rate is not one request's latency: every
 * write of one key goes to the same lane, in the order submitted, so a deletion and a later write
 * of a key stay in order. The writes waiting in all lanes are bounded by count, and the writes
 * waiting or being made by bytes:
 * {@link #submit} refuses work that would pass either bound; deletions have a second allowance
 * of the count bound ({@link #reserveDeletion}). {@link #close(Duration)} lets queued writes
 * finish within a deadline and abandons the rest. Thread-safe.
 */
final class BackgroundWriter {
  /** The bounds and the concurrency of a writer; validated by the public builder. */
  record Limits(int capacity, long maxBytes, int lanes) {}

  private static final Logger LOG = LoggerFactory.getLogger(BackgroundWriter.class);

  private final Limits limits;
  private final ThreadPoolExecutor[] lanes;
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong queuedBytes = new AtomicLong();

  BackgroundWriter(Limits limits) {
    this.limits = limits;
    this.lanes = new ThreadPoolExecutor[limits.lanes()];
    for (int i = 0; i < lanes.length; i++) {
      String name = "cachedhttp-writer-" + i;
      lanes[i] = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
          runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
          });
      lanes[i].allowCoreThreadTimeOut(true);
    }
  }

  /**
   * Queues {@code write} of {@code key}, holding about {@code bytes} until it is made; false
   * when the queue is full (by count or bytes) or the writer is closed.
   */
  boolean submit(String key, long bytes, Runnable write) {
    return reserve(bytes) && execute(key, bytes, write);
  }

  /**
   * Reserves room for a write of about {@code bytes}; the caller then {@linkplain #execute
   * executes} it (which releases the room when it ends). False when the queue is full.
   */
  boolean reserve(long bytes) {
    return reserve(bytes, limits.capacity());
  }

  /**
   * Reserves room for a deletion, which may also use a second allowance of the count bound:
   * a deletion must not be refused because writes fill the queue. False when both are full.
   */
  boolean reserveDeletion(long bytes) {
    return reserve(bytes, 2 * limits.capacity());
  }

  private boolean reserve(long bytes, int capacity) {
    if (queued.incrementAndGet() > capacity) {
      queued.decrementAndGet();
      return false;
    }
    if (queuedBytes.addAndGet(bytes) > limits.maxBytes()) {
      release(bytes);
      return false;
    }
    return true;
  }

  private void release(long bytes) {
    queued.decrementAndGet();
    queuedBytes.addAndGet(-bytes);
  }

  /**
   * Runs {@code write} of {@code key} on its lane, after every write of the key submitted
   * before; the room {@linkplain #reserve reserved} for it is released when it starts (count)
   * and ends (bytes). False when the writer is closed (the room is released).
   */
  boolean execute(String key, long bytes, Runnable write) {
    try {
      lanes[Math.floorMod(key.hashCode(), lanes.length)].execute(() -> {
        queued.decrementAndGet();
        try {
          write.run();
        } finally {
          queuedBytes.addAndGet(-bytes);
        }
      });
      return true;
    } catch (RejectedExecutionException closed) {
      release(bytes);
      return false;
    }
  }

  /**
   * Stops accepting writes and waits up to {@code deadline} for the queued ones; returns how many
   * were abandoned.
   */
  int close(Duration deadline) {
    for (ThreadPoolExecutor lane : lanes) {
      lane.shutdown();
    }
    long end = System.nanoTime() + deadline.toNanos();
    try {
      for (ThreadPoolExecutor lane : lanes) {
        lane.awaitTermination(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Runnable> abandoned = new ArrayList<>();
    for (ThreadPoolExecutor lane : lanes) {
      abandoned.addAll(lane.shutdownNow());
    }
    if (!abandoned.isEmpty()) {
      LOG.warn("cache writer did not finish within {}; {} queued write(s) abandoned", deadline,
          abandoned.size());
    }
    return abandoned.size();
  }
}
