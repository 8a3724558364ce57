package dev.cachedhttp.sqlite.internal;

import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.StoredValue;
import dev.cachedhttp.spi.ValueNamespaces;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything a {@code SqliteBackend} is made of: the file, one storage per namespace, the writer
 * that keeps the bound, and the maintenance thread. Thread-safe.
 */
public final class SqliteStore implements AutoCloseable {
  private final Database database;
  private final Touches touches = new Touches();
  private final LongAdder evictions = new LongAdder();
  private final RowWriter writer;
  private final Clock clock;
  private final long maxBodyBytes;
  private final SqliteStorage<CachedResponse> responses;
  private final SqliteStorage<String> redirects;
  private final Map<String, SqliteStorage<StoredValue>> values = new ConcurrentHashMap<>();
  private final Maintenance maintenance;

  /**
   * The settings of a store, validated by the backend's builder.
   *
   * @param path the file
   * @param maxBytes the bound on the bytes of every row together
   * @param maxBodyBytes the largest body or value stored
   * @param compressAbove bodies larger than this are gzip-compressed
   * @param busyTimeout the longest a call waits for a lock
   * @param readers the most reader connections
   * @param cleanupInterval the time between maintenance runs; zero for none
   * @param clock read for every expiry decision
   */
  public record Settings(Path path, long maxBytes, long maxBodyBytes, long compressAbove,
      Duration busyTimeout, int readers, Duration cleanupInterval, Clock clock) {}

  /**
   * Opens the file and starts the maintenance thread.
   *
   * @throws IllegalStateException when the file cannot be opened or is not a cache
   */
  public SqliteStore(Settings settings) {
    this.database = new Database(settings.path(), settings.busyTimeout(), settings.readers());
    this.clock = settings.clock();
    this.maxBodyBytes = settings.maxBodyBytes();
    this.writer = new RowWriter(settings.maxBytes(), clock, touches, evictions);
    this.responses = storage(Columns.RESPONSES,
        new ResponseRowCodec(maxBodyBytes, settings.compressAbove()));
    this.redirects = storage(Columns.REDIRECTS, new RedirectRowCodec());
    this.maintenance = new Maintenance(database, writer, touches, clock, evictions,
        settings.cleanupInterval());
  }

  private <V> SqliteStorage<V> storage(String namespace, RowCodec<V> codec) {
    return new SqliteStorage<>(database, namespace, codec, writer, touches, clock);
  }

  /** The {@code responses} namespace. */
  public SqliteStorage<CachedResponse> responses() {
    return responses;
  }

  /** The {@code redirects} namespace. */
  public SqliteStorage<String> redirects() {
    return redirects;
  }

  /** The value namespace {@code namespace}, checked by {@link ValueNamespaces#check}. */
  public SqliteStorage<StoredValue> values(String namespace) {
    ValueNamespaces.check(namespace);
    return values.computeIfAbsent(namespace,
        name -> storage(name, new ValueRowCodec(maxBodyBytes)));
  }

  /**
   * The response under {@code key}, or under the target of the alias under {@code key}: one
   * statement reads both.
   */
  public Optional<Backend.Lookup> lookup(String key) {
    Instant now = clock.instant();
    Optional<Backend.Lookup> found = database.read(session -> {
      PreparedStatement statement = session.prepare(Schema.LOOKUP);
      statement.setString(1, key);
      statement.setString(2, SortableTime.format(now));
      try (ResultSet result = statement.executeQuery()) {
        Backend.Lookup best = null;
        while (result.next() && (best == null || result.getInt(1) == 0)) {
          String stored = result.getString(2);
          best = new Backend.Lookup(stored, responses.decode(result, 3, stored));
        }
        return Optional.ofNullable(best);
      }
    });
    found.ifPresent(lookup -> {
      touches.note(Columns.RESPONSES, lookup.key(), now);
      if (!lookup.key().equals(key)) {
        touches.note(Columns.REDIRECTS, key, now);
      }
    });
    return found;
  }

  /** The number of rows of every namespace, from the totals the triggers keep (no walk). */
  public long entries() {
    return database.read(session -> session.queryLong(
        "select entries from cache_meta where id = 1"));
  }

  /** The bytes counted against the bound, from the same totals. */
  public long bytes() {
    return database.read(RowWriter::totalBytes);
  }

  /** Rows this store deleted for the bound or on expiry since it was opened. */
  public long evictions() {
    return evictions.sum();
  }

  /** Runs the maintenance now; returns the number of expired rows deleted. */
  public long cleanUp() {
    return maintenance.run();
  }

  /** The file. */
  public Path path() {
    return database.path();
  }

  /** Stops maintenance, records pending reads and closes the file. */
  @Override
  public void close() {
    maintenance.close();
    try {
      database.write(touches::flush);
    } catch (RuntimeException e) {
      // best effort: the order of eviction is approximate anyway
    }
    database.close();
  }
}
