package dev.cachedhttp.sqlite.internal;

import dev.cachedhttp.spi.StorageException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background work of one backend, on one daemon thread: records this process's reads for the
 * LRU order, deletes rows past their eviction time in small transactions (reads never wait for
 * them: WAL readers see the last commit), and returns free pages to the file system once they
 * are more than a quarter of it ({@code incremental_vacuum}). Failures are logged at most once a
 * minute and retried on the next run. Thread-safe.
 */
final class Maintenance implements AutoCloseable {
  /** Rows deleted per transaction, so a writer of another thread never waits long. */
  static final int DELETE_BATCH = 256;

  /**
   * Once this process has written this much (4 MiB of rows) since the last checkpoint, the
   * thread copies the WAL back into the file, not a writer.
   */
  static final long CHECKPOINT_WAL_BYTES = 4L << 20;

  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);
  private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final long MIN_FREE_PAGES = 256;

  private final Database database;
  private final Touches touches;
  private final Clock clock;
  private final LongAdder evictions;
  private final ScheduledExecutorService thread;
  private final RowWriter writer;
  private final AtomicBoolean checkpointPending = new AtomicBoolean();
  private volatile long checkpointedAt;
  private Session checkpointer;
  private long lastWarning = System.nanoTime() - LOG_INTERVAL_NANOS;

  Maintenance(Database database, RowWriter writer, Touches touches, Clock clock,
      LongAdder evictions, Duration interval) {
    this.database = database;
    this.writer = writer;
    this.touches = touches;
    this.clock = clock;
    this.evictions = evictions;
    if (interval.isZero()) {
      this.thread = null;
    } else {
      this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread t = new Thread(runnable, "cachedhttp-sqlite-maintenance");
        t.setDaemon(true);
        return t;
      });
      long nanos = interval.toNanos();
      thread.scheduleWithFixedDelay(() -> logged(this::run), nanos, nanos,
          TimeUnit.NANOSECONDS);
      database.afterCommit(this::checkpointWhenLarge,
          Database.CHECKPOINT_PAGES_WITH_MAINTENANCE);
    }
  }

  /**
   * After a commit: when this process has written {@link #CHECKPOINT_WAL_BYTES} since the last
   * checkpoint began, asks the thread to checkpoint on a connection of its own (readers and
   * writers go on meanwhile), so no caller pays for copying the log back and syncing the file.
   */
  private void checkpointWhenLarge() {
    if (!checkpointPending.get() && writer.written() - checkpointedAt > CHECKPOINT_WAL_BYTES
        && checkpointPending.compareAndSet(false, true)) {
      try {
        thread.execute(() -> logged(this::checkpoint));
      } catch (RejectedExecutionException closing) {
        checkpointPending.set(false);
      }
    }
  }

  private void checkpoint() {
    checkpointedAt = writer.written();
    try {
      if (checkpointer == null) {
        checkpointer = database.openSession();
      }
      checkpointer.drain("pragma wal_checkpoint(passive)");
    } catch (SQLException e) {
      throw new StorageException("checkpoint of " + database.path() + " failed", e);
    } finally {
      checkpointPending.set(false);
    }
    checkpointWhenLarge();
  }

  private void logged(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      synchronized (this) {
        long now = System.nanoTime();
        if (now - lastWarning >= LOG_INTERVAL_NANOS) {
          lastWarning = now;
          LOG.warn("SQLite cache maintenance of {} failed; retrying at the next run",
              database.path(), e);
        }
      }
    }
  }

  /**
   * Runs every task once, now, on the caller's thread.
   *
   * @return the number of expired rows deleted
   * @throws dev.cachedhttp.spi.StorageException when SQLite fails
   */
  public synchronized long run() {
    database.write(touches::flush);
    long deleted = deleteExpired();
    database.write(session -> {
      long free = session.queryLong("pragma freelist_count");
      long pages = session.queryLong("pragma page_count");
      if (free > MIN_FREE_PAGES && free * 4 > pages) {
        session.drain("pragma incremental_vacuum(" + free + ")");
      }
      return null;
    });
    return deleted;
  }

  private long deleteExpired() {
    String now = SortableTime.format(clock.instant());
    long total = 0;
    int deleted;
    do {
      deleted = database.write(session -> {
        PreparedStatement delete = session.prepare("delete from entries where rowid in "
            + "(select rowid from entries where evict_at <= ? limit " + DELETE_BATCH + ")");
        delete.setString(1, now);
        return delete.executeUpdate();
      });
      total += deleted;
      evictions.add(deleted);
    } while (deleted == DELETE_BATCH);
    return total;
  }

  /** Stops the thread, waiting for a run in progress to end. */
  @Override
  public void close() {
    if (thread != null) {
      thread.shutdownNow();
      try {
        thread.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (checkpointer != null) {
        checkpointer.close();
      }
    }
  }
}
