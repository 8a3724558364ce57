package dev.cachedhttp.sqlite.internal;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Creates the cache's tables, indexes, triggers and views when missing, and checks that an
 * existing file is a cache of a format this code reads. The triggers keep the totals in {@code
 * cache_meta} in the same transaction as every change, so the byte bound holds across processes
 * and restarts without a walk over the table.
 */
final class Schema {
  private static final String NOT_EXPIRED = "(evict_at is null or evict_at > ?)";

  /**
   * Reads a response and, in the same statement, the response a redirect alias points to: at
   * most two rows, {@code via} 0 for the key's own response, 1 for its alias's target. No ORDER
   * BY: sorting would copy the bodies into a temporary b-tree; the reader prefers {@code via} 0.
   */
  static final String LOOKUP = "select 0 as via, key, " + responseColumns("") + " from entries"
      + " where namespace = 'responses' and key = ?1 and " + notExpired("", "?2")
      + " union all select 1 as via, t.key, " + responseColumns("t.")
      + " from entries r join entries t on t.namespace = 'responses' and t.key = r.target"
      + " where r.namespace = 'redirects' and r.key = ?1 and " + notExpired("r.", "?2")
      + " and " + notExpired("t.", "?2");

  private static final List<String> DDL = List.of(
      "create table if not exists entries ("
          + "namespace text not null, key text not null, "
          + "status integer, url text, method text, reason text, protocol text, "
          + "headers text, request text, history text, "
          + "request_sent_at text, created_at text, expires text, variant_generation text, "
          + "body_encoding text, body, body_crc32c integer, "
          + "target text, value text, value_type text, "
          + "evict_at text, last_used text not null, size integer not null, "
          + "format integer not null)",
      "create unique index if not exists entries_by_key on entries (namespace, key)",
      "create index if not exists entries_by_last_use on entries (last_used)",
      "create index if not exists entries_by_eviction on entries (evict_at) "
          + "where evict_at is not null",
      "create table if not exists cache_meta (id integer primary key check (id = 1), "
          + "format integer not null, entries integer not null, bytes integer not null)",
      "insert or ignore into cache_meta values (1, " + Columns.FORMAT + ", 0, 0)",
      "create trigger if not exists entries_added after insert on entries begin "
          + "update cache_meta set entries = entries + 1, bytes = bytes + new.size where id = 1;"
          + " end",
      "create trigger if not exists entries_removed after delete on entries begin "
          + "update cache_meta set entries = entries - 1, bytes = bytes - old.size where id = 1;"
          + " end",
      "create trigger if not exists entries_resized after update of size on entries begin "
          + "update cache_meta set bytes = bytes - old.size + new.size where id = 1; end",
      "create view if not exists responses as select key, status, url, method, reason, "
          + "protocol, headers, request, history, request_sent_at, created_at, expires, "
          + "variant_generation, body_encoding, body, body_crc32c, evict_at, last_used, size "
          + "from entries where namespace = 'responses'",
      "create view if not exists redirects as select key, target, evict_at, last_used, size "
          + "from entries where namespace = 'redirects'",
      "create view if not exists value_entries as select namespace, key, value, value_type, "
          + "created_at, expires, evict_at, last_used, size from entries "
          + "where namespace not in ('responses', 'redirects')");

  private Schema() {}

  /** The columns a response is read from, each prefixed with {@code alias}. */
  static String responseColumns(String alias) {
    return String.join(", ", List.of("url", "method", "status", "reason", "protocol", "headers",
        "request", "history", "request_sent_at", "created_at", "expires", "variant_generation",
        "body_encoding", "body", "body_crc32c", "format")
        .stream().map(c -> alias + c).toList())
        + ", typeof(" + alias + "body), " + bytes(alias + "body") + ", " + bytes(alias + "headers")
        + " + " + bytes(alias + "request") + " + " + bytes(alias + "history") + " + "
        + bytes(alias + "url");
  }

  /** The stored bytes of {@code column}, 0 for null: no scan of text to count characters. */
  private static String bytes(String column) {
    return "ifnull(octet_length(" + column + "), 0)";
  }

  /** {@code (evict_at is null or evict_at > now)} on the row {@code alias}. */
  static String notExpired(String alias, String now) {
    return "(" + alias + "evict_at is null or " + alias + "evict_at > " + now + ")";
  }

  /** The condition that a row has not passed its eviction time, with one parameter. */
  static String notExpired() {
    return NOT_EXPIRED;
  }

  /**
   * Creates what is missing and resets the totals from the rows (repairing a file whose totals
   * were edited by hand), inside the caller's write transaction.
   *
   * @throws IllegalStateException when the file holds a cache of another format
   */
  static void create(Statement statement) throws SQLException {
    for (String ddl : DDL) {
      statement.execute(ddl);
    }
    try (var format = statement.executeQuery("select format from cache_meta where id = 1")) {
      int found = format.next() ? format.getInt(1) : -1;
      if (found != Columns.FORMAT) {
        throw new IllegalStateException("the file holds a cache of format " + found
            + "; this version reads format " + Columns.FORMAT);
      }
    }
    statement.execute("select " + String.join(", ", Columns.WRITTEN)
        + ", namespace, key, evict_at, last_used, size, format from entries limit 0");
    statement.execute("update cache_meta set entries = (select count(*) from entries), "
        + "bytes = (select ifnull(sum(size), 0) from entries) where id = 1");
  }
}
