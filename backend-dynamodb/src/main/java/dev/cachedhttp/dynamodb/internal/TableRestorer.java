package dev.cachedhttp.dynamodb.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-creates the cache table when it disappears while the backend runs (a DynamoDB Local
 * restarted in memory, a table deleted by hand) and the backend was built with {@code
 * createTable(true)}. Bounded: one attempt at a time, on a daemon thread of its own (never on the
 * caller's), at most one attempt per {@link #INTERVAL}; each attempt is logged (WARN when it
 * starts or fails, INFO when the table is back). Until the table is back, reads are misses and
 * writes are skipped, as for any backend failure. {@link #close()} stops an attempt under way.
 * Thread-safe.
 */
public final class TableRestorer implements AutoCloseable {
  /** The least time between two attempts: one minute. */
  public static final Duration INTERVAL = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger("dev.cachedhttp.dynamodb");

  private final TableManager manager;
  private final boolean ttl;
  private final Clock clock;
  private final String table;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile Instant lastAttempt = Instant.MIN;
  private volatile Thread worker;
  private volatile boolean closed;

  /**
   * Creates a restorer.
   *
   * @param calls the backend's calls, whose table it re-creates
   * @param ttl whether to enable TTL on the new table
   * @param clock the clock that spaces attempts
   */
  public TableRestorer(Calls calls, boolean ttl, Clock clock) {
    this.manager = new TableManager(calls);
    this.ttl = ttl;
    this.clock = clock;
    this.table = "DynamoDB table '" + calls.table() + "' (" + calls.location() + ")";
  }

  /**
   * Called when a call found the table missing: starts one re-creation in the background unless
   * one runs or the last started less than {@link #INTERVAL} ago. Never blocks.
   *
   * @return true when an attempt runs (started now or earlier), false when the next attempt has
   *     to wait for the interval or the restorer is closed
   */
  public boolean tableMissing() {
    if (closed) {
      return false;
    }
    Instant now = clock.instant();
    synchronized (this) {
      if (running.get()) {
        return true;
      }
      if (now.isBefore(lastAttempt.plus(INTERVAL))) {
        return false;
      }
      lastAttempt = now;
      running.set(true);
    }
    LOG.warn("{} does not exist any more: re-creating it (createTable(true)); cache reads are "
        + "misses and writes are skipped until it is active", table);
    Thread thread = new Thread(this::restore, "cachedhttp-dynamodb-table-restorer");
    thread.setDaemon(true);
    worker = thread;
    thread.start();
    return true;
  }

  private void restore() {
    try {
      manager.ensureTable(ttl);
      LOG.info("{} is back: re-created; the cache uses it again", table);
    } catch (RuntimeException e) {
      if (!closed) {
        LOG.warn("{} could not be re-created: {}; next attempt in {} at the earliest", table,
            e.getMessage(), INTERVAL);
      }
    } finally {
      running.set(false);
      worker = null;
    }
  }

  /** Stops an attempt under way (it is interrupted) and starts no more. */
  @Override
  public void close() {
    closed = true;
    Thread thread = worker;
    if (thread != null) {
      thread.interrupt();
    }
  }
}
