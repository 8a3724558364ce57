package dev.cachedhttp.sqlite.internal;

import dev.cachedhttp.spi.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The cache file: one writer connection behind a lock (SQLite admits one writer at a time, across
 * processes too) and a bounded pool of reader connections, all in WAL mode so that reads never
 * wait for a writer. Every wait is bounded by the busy timeout: a lock held longer by another
 * thread or process fails the call with a {@link StorageException}, which the cache counts as a
 * miss or a skipped write. Thread-safe.
 */
final class Database implements AutoCloseable {
  /**
   * WAL pages after which the committing connection copies them back itself: SQLite's default
   * (1,000) without a maintenance thread; with one, which checkpoints off the caller's thread
   * from {@link Maintenance#CHECKPOINT_WAL_BYTES} on, 10,000 as a last resort.
   */
  static final int CHECKPOINT_PAGES = 1000;

  /** {@link #CHECKPOINT_PAGES} when a maintenance thread checkpoints. */
  static final int CHECKPOINT_PAGES_WITH_MAINTENANCE = 10_000;

  /** The WAL file is truncated back to this size after a checkpoint. */
  private static final long WAL_LIMIT_BYTES = 16L << 20;

  /** The longest opening waits for other processes opening the same file at the same time. */
  private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(10);

  private final Path path;
  private final String url;
  private final Duration busyTimeout;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Session writer;
  private final Semaphore readPermits;
  private final ConcurrentLinkedQueue<Session> idleReaders = new ConcurrentLinkedQueue<>();
  private volatile Runnable afterCommit = () -> { };
  private volatile boolean closed;

  /**
   * Opens (creating when missing) the file and its schema.
   *
   * @param path the file
   * @param busyTimeout the longest a call waits for a lock or a connection
   * @param readers the most reader connections open at once
   * @throws IllegalStateException naming the file when it cannot be opened or is not a cache of
   *     a format this code reads
   */
  public Database(Path path, Duration busyTimeout, int readers) {
    this.path = path;
    this.url = "jdbc:sqlite:" + path;
    this.busyTimeout = busyTimeout;
    this.readPermits = new Semaphore(readers);
    try {
      this.writer = open();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the SQLite cache file " + path + ": "
          + e.getMessage(), e);
    }
    try {
      prepareFile();
    } catch (RuntimeException e) {
      writer.close();
      throw new IllegalStateException("cannot use " + path + " as a cache file: "
          + e.getMessage(), e);
    }
  }

  /**
   * Sets the file's modes and creates the schema. Processes opening one new file at once contend
   * for it (switching to WAL takes an exclusive lock and does not wait for it), so a busy file is
   * retried for up to {@link #OPEN_TIMEOUT}.
   */
  private void prepareFile() {
    long deadline = System.nanoTime() + OPEN_TIMEOUT.toNanos();
    while (true) {
      try {
        writer.execute("pragma auto_vacuum = incremental");
        if (!"wal".equalsIgnoreCase(writer.queryText("pragma journal_mode"))) {
          writer.execute("pragma journal_mode = wal");
        }
        writer.execute("pragma journal_size_limit = " + WAL_LIMIT_BYTES);
        writer.execute("pragma wal_autocheckpoint = " + CHECKPOINT_PAGES);
        write(session -> {
          try (var statement = session.connection().createStatement()) {
            Schema.create(statement);
          }
          return null;
        });
        return;
      } catch (SQLException | StorageException e) {
        if (!isBusy(e) || System.nanoTime() > deadline) {
          throw e instanceof StorageException storage ? storage
              : new StorageException(e.getMessage(), e);
        }
        pause();
      }
    }
  }

  private static boolean isBusy(Exception e) {
    Throwable cause = e instanceof SQLiteException ? e : e.getCause();
    return cause instanceof SQLiteException sqlite && isBusy(sqlite.getResultCode());
  }

  private static void pause() {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(5, 50));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while opening the cache file", interrupted);
    }
  }

  private Session open() throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    Connection connection = config.createConnection(url);
    return new Session(connection);
  }

  /** The file. */
  public Path path() {
    return path;
  }

  /**
   * Runs {@code hook} on the writing thread after every commit (it must be quick) and lets the
   * committing connection checkpoint only past {@code checkpointPages} WAL pages.
   */
  void afterCommit(Runnable hook, int checkpointPages) {
    this.afterCommit = hook;
    write(session -> {
      session.execute("pragma wal_autocheckpoint = " + checkpointPages);
      return null;
    });
  }

  /**
   * Opens a connection of its own for background work (a checkpoint that must not hold the
   * writer); the caller closes it.
   */
  Session openSession() {
    try {
      return open();
    } catch (SQLException e) {
      throw failure("open", e);
    }
  }

  /**
   * Runs {@code work} on a reader connection.
   *
   * @throws StorageException when no connection frees up within the busy timeout or SQLite fails
   */
  public <T> T read(SqlWork<T> work) {
    acquire();
    Session session = idleReaders.poll();
    try {
      if (session == null) {
        session = open();
      }
      return work.run(session);
    } catch (SQLException e) {
      throw failure("read", e);
    } finally {
      release(session);
    }
  }

  private void acquire() {
    await(readPermits::tryAcquire, "a free reader connection", "every reader connection of "
        + path + " stayed busy for " + busyTimeout.toMillis() + " ms");
  }

  /** A wait bounded in time, such as {@link Semaphore#tryAcquire(long, TimeUnit)}. */
  private interface TimedWait {
    boolean await(long timeout, TimeUnit unit) throws InterruptedException;
  }

  /** Waits at most the busy timeout for {@code wait}, throwing {@code timedOut} when it fails. */
  private void await(TimedWait wait, String what, String timedOut) {
    if (closed) {
      throw new StorageException("the SQLite cache " + path + " is closed");
    }
    try {
      if (!wait.await(busyTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new StorageException(timedOut);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted waiting for " + what + " of " + path, e);
    }
  }

  private void release(Session session) {
    if (session != null) {
      if (closed) {
        session.close();
      } else {
        idleReaders.offer(session);
      }
    }
    readPermits.release();
  }

  /**
   * Runs {@code work} in one write transaction ({@code begin immediate}), committing when it
   * returns and rolling back when it throws.
   *
   * @throws StorageException when the file stays locked beyond the busy timeout (by another
   *     thread or process) or SQLite fails; nothing is changed then
   */
  public <T> T write(SqlWork<T> work) {
    lockWriter();
    try {
      writer.prepare("begin immediate").execute();
      try {
        T result = work.run(writer);
        writer.prepare("commit").execute();
        afterCommit.run();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure("write", e);
    } finally {
      writeLock.unlock();
    }
  }

  private void lockWriter() {
    await(writeLock::tryLock, "the writer", "another thread held the writer of " + path
        + " for longer than the busy timeout (" + busyTimeout.toMillis() + " ms); write skipped");
  }

  private void rollback() {
    try {
      writer.prepare("rollback").execute();
    } catch (SQLException ignored) {
      // no transaction was open (begin failed) or SQLite rolled it back itself
    }
  }

  private StorageException failure(String what, SQLException e) {
    if (e instanceof SQLiteException sqlite && isBusy(sqlite.getResultCode())) {
      return new StorageException("the SQLite cache " + path + " stayed locked by another "
          + "connection for longer than the busy timeout (" + busyTimeout.toMillis() + " ms); "
          + what + " skipped", e);
    }
    return new StorageException("SQLite " + what + " of " + path + " failed: " + e.getMessage(),
        e);
  }

  private static boolean isBusy(SQLiteErrorCode code) {
    return code != null && (code.code & 0xff) == SQLiteErrorCode.SQLITE_BUSY.code;
  }

  /** Closes every connection; calls made afterwards fail with a {@link StorageException}. */
  @Override
  public void close() {
    closed = true;
    writeLock.lock();
    try {
      writer.close();
    } finally {
      writeLock.unlock();
    }
    for (Session session; (session = idleReaders.poll()) != null; ) {
      session.close();
    }
  }
}
