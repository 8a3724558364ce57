package dev.cachedhttp.sqlite.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Writes rows and keeps the file within its byte bound: after each write, while the total the
 * triggers keep in {@code cache_meta} exceeds {@code maxBytes}, the least recently used rows are
 * deleted in the same transaction (this process's pending reads are recorded first, so they
 * count). The bound therefore holds after every commit, whichever process wrote. Thread-safe
 * (every method runs inside the single write transaction).
 */
final class RowWriter {
  private static final int EVICTION_BATCH = 32;

  private static final String UPSERT = "insert into entries (namespace, key, "
      + String.join(", ", Columns.WRITTEN) + ", evict_at, last_used, size, format) values (?, ?, "
      + Columns.WRITTEN.stream().map(c -> "?").collect(Collectors.joining(", "))
      + ", ?, ?, ?, ?) on conflict (namespace, key) do update set "
      + Columns.WRITTEN.stream().map(c -> c + " = excluded." + c).collect(Collectors.joining(", "))
      + ", evict_at = excluded.evict_at, last_used = excluded.last_used, size = excluded.size, "
      + "format = excluded.format";

  private static final String OLDEST = "select rowid, size from entries order by last_used "
      + "limit " + EVICTION_BATCH;

  private final long maxBytes;
  private final Clock clock;
  private final Touches touches;
  private final LongAdder evictions;
  private final AtomicLong written = new AtomicLong();

  RowWriter(long maxBytes, Clock clock, Touches touches, LongAdder evictions) {
    this.maxBytes = maxBytes;
    this.clock = clock;
    this.touches = touches;
    this.evictions = evictions;
  }

  /** Inserts or replaces the row of {@code key}, then evicts down to the bound. */
  void put(Session session, String namespace, String key, Row row, Instant evictAt)
      throws SQLException {
    PreparedStatement upsert = session.prepare(UPSERT);
    int i = 1;
    upsert.setString(i++, namespace);
    upsert.setString(i++, key);
    for (int c = 0; c < Columns.WRITTEN.size(); c++) {
      upsert.setObject(i++, row.value(c));
    }
    upsert.setString(i++, evictAt == null ? null : SortableTime.format(evictAt));
    upsert.setString(i++, SortableTime.format(clock.instant()));
    upsert.setLong(i++, row.size(key));
    upsert.setInt(i, Columns.FORMAT);
    upsert.executeUpdate();
    written.addAndGet(row.size(key));
    makeRoom(session);
  }

  /** Deletes least recently used rows while the total exceeds the bound. */
  void makeRoom(Session session) throws SQLException {
    long bytes = totalBytes(session);
    if (bytes <= maxBytes) {
      return;
    }
    touches.flush(session);
    PreparedStatement oldest = session.prepare(OLDEST);
    PreparedStatement delete = session.prepare("delete from entries where rowid = ?");
    while (bytes > maxBytes) {
      long[] rowids = new long[EVICTION_BATCH];
      long[] sizes = new long[EVICTION_BATCH];
      int found = 0;
      try (ResultSet rows = oldest.executeQuery()) {
        while (rows.next()) {
          rowids[found] = rows.getLong(1);
          sizes[found++] = rows.getLong(2);
        }
      }
      if (found == 0) {
        session.execute("update cache_meta set bytes = 0, entries = 0 where id = 1");
        return;
      }
      for (int i = 0; i < found && bytes > maxBytes; i++) {
        delete.setLong(1, rowids[i]);
        delete.executeUpdate();
        bytes -= sizes[i];
        evictions.increment();
      }
      bytes = totalBytes(session);
    }
  }

  /** The bytes of every row this process has written since it opened the file. */
  long written() {
    return written.get();
  }

  static long totalBytes(Session session) throws SQLException {
    try (ResultSet result = session.prepare("select bytes from cache_meta where id = 1")
        .executeQuery()) {
      return result.next() ? result.getLong(1) : 0;
    }
  }
}
