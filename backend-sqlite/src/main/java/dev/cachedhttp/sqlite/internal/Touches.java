package dev.cachedhttp.sqlite.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reads of this process not yet written to {@code last_used}: a hit only notes its key here
 * (no write on the hit path), and the notes are written in one transaction when eviction needs
 * them or maintenance runs. At most {@value #MAX_PENDING} keys are held; reads beyond that are not
 * noted until the next flush, which makes the order of eviction approximate, never wrong about
 * what is stored. Thread-safe.
 */
final class Touches {
  static final int MAX_PENDING = 8192;

  private static final String UPDATE = "update entries set last_used = ? "
      + "where namespace = ? and key = ? and last_used < ?";

  private final Map<EntryKey, Instant> pending = new ConcurrentHashMap<>();

  /** A key within one namespace. */
  private record EntryKey(String namespace, String key) {}

  /** Notes that {@code key} of {@code namespace} was read at {@code now}. */
  void note(String namespace, String key, Instant now) {
    if (pending.size() < MAX_PENDING) {
      pending.put(new EntryKey(namespace, key), now);
    }
  }

  /** Writes the noted reads inside the caller's write transaction; returns how many. */
  int flush(Session session) throws SQLException {
    if (pending.isEmpty()) {
      return 0;
    }
    PreparedStatement update = session.prepare(UPDATE);
    int count = 0;
    for (Iterator<Map.Entry<EntryKey, Instant>> it = pending.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<EntryKey, Instant> touch = it.next();
      String time = SortableTime.format(touch.getValue());
      update.setString(1, time);
      update.setString(2, touch.getKey().namespace());
      update.setString(3, touch.getKey().key());
      update.setString(4, time);
      update.executeUpdate();
      it.remove();
      count++;
    }
    return count;
  }
}
