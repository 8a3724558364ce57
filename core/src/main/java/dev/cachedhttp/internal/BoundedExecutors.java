package dev.cachedhttp.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executors the library creates for its own background work: a fixed number of daemon
 * threads named {@code PREFIX-N} that end after 30 idle seconds, and a bounded queue; a task
 * that does not fit is rejected with {@link java.util.concurrent.RejectedExecutionException}
 * (never run on the caller's thread).
 */
public final class BoundedExecutors {
  private BoundedExecutors() {}

  /** Creates an executor of {@code threads} threads named {@code namePrefix-N}. */
  public static ThreadPoolExecutor create(String namePrefix, int threads, int queueCapacity) {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(queueCapacity), runnable -> {
          Thread thread = new Thread(runnable, namePrefix + "-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
