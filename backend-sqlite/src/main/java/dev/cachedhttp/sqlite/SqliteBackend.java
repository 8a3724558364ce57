package dev.cachedhttp.sqlite;

import dev.cachedhttp.internal.Checks;
import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.Storage;
import dev.cachedhttp.spi.StoredValue;
import dev.cachedhttp.sqlite.internal.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A persistent embedded {@link Backend}: one SQLite file that survives restarts, is shared by
 * the threads of a process and by several processes, and can be read with {@code sqlite3}.
 *
 * <pre>{@code
 * SqliteBackend sqlite = SqliteBackend.builder()
 *     .path(Path.of("http_cache.db"))     // created if missing
 *     .maxBytes(512L << 20)                // least recently used entries go first
 *     .build();
 * CachedClient cached = CachedClient.builder().backend(sqlite).build();
 * }</pre>
 *
 * <p>Every entry is a row of the table {@code entries} (views {@code responses}, {@code
 * redirects}, {@code value_entries}): status, url and method as columns, headers as JSON text,
 * text bodies as TEXT, other bodies as BLOBs with the encoding named, times as ISO-8601 text, the
 * body's CRC32C; a row that fails its checks is a miss, never a wrong body. The file is in WAL
 * mode: a process killed in the middle of a write leaves every committed entry whole, and reads
 * never wait for writers. The bytes of all rows stay within {@link Builder#maxBytes(long)} after
 * every write, whichever process wrote (least recently used rows are deleted in the write's
 * transaction); expired rows are deleted by a daemon thread ({@link Builder#cleanupInterval}).
 *
 * <p>Calls run on the caller's thread ({@link #remote()} is false): a hit is one prepared
 * select of the response and its redirect alias together. A call that would wait longer than
 * {@link Builder#busyTimeout(Duration)} for another writer (of this or another process) fails
 * with a {@link dev.cachedhttp.spi.StorageException}; the cache counts it as a miss or a skipped
 * write and carries on. Thread-safe. {@link #close()} stops the thread and closes the file.
 */
public final class SqliteBackend implements Backend {
  /** Default {@link Builder#maxBytes(long)}: 256 MiB. */
  public static final long DEFAULT_MAX_BYTES = 256L << 20;

  /** Default {@link Builder#busyTimeout(Duration)}: 250 ms. */
  public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofMillis(250);

  /** Default {@link Builder#cleanupInterval(Duration)}: one minute. */
  public static final Duration DEFAULT_CLEANUP_INTERVAL = Duration.ofMinutes(1);

  /** Default {@link Builder#readConnections(int)}: 4. */
  public static final int DEFAULT_READ_CONNECTIONS = 4;

  private static final long MIN_MAX_BYTES = 64 << 10;
  private static final int MAX_READ_CONNECTIONS = 64;

  private final SqliteStore store;
  private final long maxBodyBytes;

  private SqliteBackend(Builder builder, long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
    this.store = new SqliteStore(new SqliteStore.Settings(builder.path, builder.maxBytes,
        maxBodyBytes, builder.compressAbove, builder.busyTimeout, builder.readConnections,
        builder.cleanupInterval, builder.clock));
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Storage<CachedResponse> responses() {
    return store.responses();
  }

  @Override
  public Storage<String> redirects() {
    return store.redirects();
  }

  /**
   * The value namespace {@code namespace}: rows of the same file, sharing its byte bound; a value
   * larger than {@link #maxBodyBytes()} is rejected with {@link
   * dev.cachedhttp.spi.EntryTooLargeException}.
   */
  @Override
  public Storage<StoredValue> values(String namespace) {
    return store.values(namespace);
  }

  /** Reads the response and the redirect alias of {@code key} in one statement. */
  @Override
  public Optional<Lookup> lookup(String key) {
    return store.lookup(Objects.requireNonNull(key, "key"));
  }

  @Override
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /** The rows of every namespace, from the totals kept in the file (one small read, no walk). */
  @Override
  public OptionalLong estimatedSize() {
    return OptionalLong.of(store.entries());
  }

  /** Rows this instance deleted to stay within the bound or because they expired. */
  @Override
  public OptionalLong evictionCount() {
    return OptionalLong.of(store.evictions());
  }

  /** The bytes the rows count against {@link Builder#maxBytes(long)}, all processes together. */
  public long storedBytes() {
    return store.bytes();
  }

  /**
   * Runs the background maintenance now on the caller's thread: records this process's recent
   * reads for the LRU order, deletes expired rows, returns free pages to the file system.
   *
   * @return the number of expired rows deleted
   * @throws dev.cachedhttp.spi.StorageException when SQLite fails
   */
  public long cleanUp() {
    return store.cleanUp();
  }

  /** The cache file. */
  public Path path() {
    return store.path();
  }

  /** False: calls cost microseconds on the caller's thread, so writes are synchronous. */
  @Override
  public boolean remote() {
    return false;
  }

  /** Stops the maintenance thread and closes the file; later calls fail (and are misses). */
  @Override
  public void close() {
    store.close();
  }

  @Override
  public String toString() {
    return "SqliteBackend{" + store.path() + "}";
  }

  /** Configures a {@link SqliteBackend}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private Path path;
    private long maxBytes = DEFAULT_MAX_BYTES;
    private long maxBodyBytes = -1;
    private long compressAbove = Long.MAX_VALUE;
    private Duration busyTimeout = DEFAULT_BUSY_TIMEOUT;
    private Duration cleanupInterval = DEFAULT_CLEANUP_INTERVAL;
    private int readConnections = DEFAULT_READ_CONNECTIONS;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The cache file, created (with its folders) if missing. Required. */
    public Builder path(Path path) {
      Objects.requireNonNull(path, "path");
      if (Files.isDirectory(path)) {
        throw new IllegalArgumentException("path must be a file but " + path
            + " is a directory");
      }
      this.path = path;
      return this;
    }

    /**
     * The most bytes all rows together may count (bodies, headers, keys and a fixed overhead per
     * row; the file adds its indexes and page slack). Default 256 MiB; at least 64 KiB.
     */
    public Builder maxBytes(long maxBytes) {
      this.maxBytes = Checks.atLeast("maxBytes", maxBytes, MIN_MAX_BYTES);
      return this;
    }

    /**
     * The largest body (or value) stored; larger ones pass through uncached. Default: the
     * smaller of 8 MiB and a quarter of {@code maxBytes}. Must not exceed {@code maxBytes}.
     */
    public Builder maxBodyBytes(long maxBodyBytes) {
      this.maxBodyBytes = Checks.atLeast("maxBodyBytes", maxBodyBytes, 0);
      return this;
    }

    /**
     * Bodies larger than this many bytes are stored gzip-compressed when that makes them
     * smaller (a smaller file, more entries within the bound, but a hit pays for expanding them).
     * Default: never.
     */
    public Builder compressBodiesAbove(long bytes) {
      this.compressAbove = Checks.atLeast("compressBodiesAbove", bytes, 0);
      return this;
    }

    /**
     * The longest a call waits for the file's write lock (held by another thread or process) or
     * for a free reader connection before it gives up: a read becomes a miss, a write is
     * skipped. Default 250 ms; between 1 ms and 1 minute.
     */
    public Builder busyTimeout(Duration busyTimeout) {
      this.busyTimeout = Checks.between("busyTimeout", busyTimeout, Duration.ofMillis(1),
          Duration.ofMinutes(1));
      return this;
    }

    /**
     * How often the daemon thread deletes expired rows and records recent reads; {@link
     * Duration#ZERO} starts no thread (call {@link SqliteBackend#cleanUp()} instead). Default
     * one minute.
     */
    public Builder cleanupInterval(Duration cleanupInterval) {
      this.cleanupInterval = Checks.nonNegative("cleanupInterval", cleanupInterval);
      return this;
    }

    /** The most connections reading at once. Default {@value SqliteBackend#DEFAULT_READ_CONNECTIONS}. */
    public Builder readConnections(int readConnections) {
      this.readConnections = Checks.between("readConnections", readConnections, 1,
          MAX_READ_CONNECTIONS);
      return this;
    }

    /** The clock every expiry decision reads. Default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Opens (or creates) the file and builds the backend.
     *
     * @throws IllegalStateException when no path was set, {@code maxBodyBytes} exceeds {@code
     *     maxBytes}, or the file cannot be opened or holds something other than a cache of a
     *     format this version reads
     */
    public SqliteBackend build() {
      if (path == null) {
        throw new IllegalStateException("path is required: SqliteBackend.builder().path(...)");
      }
      long bodies = maxBodyBytes < 0 ? Math.min(DEFAULT_MAX_BODY_BYTES, maxBytes / 4)
          : maxBodyBytes;
      if (bodies > maxBytes) {
        throw new IllegalStateException("maxBodyBytes (" + bodies + ") must not exceed maxBytes ("
            + maxBytes + ")");
      }
      createFolders();
      return new SqliteBackend(this, bodies);
    }

    private void createFolders() {
      Path parent = path.toAbsolutePath().getParent();
      try {
        if (parent != null) {
          Files.createDirectories(parent);
        }
      } catch (java.io.IOException e) {
        throw new IllegalStateException("cannot create the folder of " + path + ": "
            + e.getMessage(), e);
      }
    }
  }
}
