package dev.cachedhttp.sqlite.internal;

import dev.cachedhttp.spi.Storage;
import dev.cachedhttp.spi.StorageException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One namespace of the SQLite backend: the rows of {@code entries} with its name. A get is one
 * prepared, index-backed select on a reader connection (expired rows are filtered by the query);
 * a put, delete or clear is one write transaction. Keys are listed page by page in key order.
 * Thread-safe.
 *
 * @param <V> the value type
 */
final class SqliteStorage<V> implements Storage<V> {
  private static final int KEY_PAGE = 500;
  private static final String LAST_CHARACTER =
      new String(Character.toChars(Character.MAX_CODE_POINT));

  private final Database database;
  private final String namespace;
  private final RowCodec<V> codec;
  private final RowWriter writer;
  private final Touches touches;
  private final Clock clock;
  private final String select;

  SqliteStorage(Database database, String namespace, RowCodec<V> codec, RowWriter writer,
      Touches touches, Clock clock) {
    this.database = database;
    this.namespace = namespace;
    this.codec = codec;
    this.writer = writer;
    this.touches = touches;
    this.clock = clock;
    this.select = "select " + codec.columns() + " from entries where namespace = ? and key = ? "
        + "and " + Schema.notExpired();
  }

  @Override
  public Optional<V> get(String key) {
    Objects.requireNonNull(key, "key");
    Instant now = clock.instant();
    Optional<V> found = database.read(session -> {
      PreparedStatement statement = session.prepare(select);
      statement.setString(1, namespace);
      statement.setString(2, key);
      statement.setString(3, SortableTime.format(now));
      try (ResultSet result = statement.executeQuery()) {
        return result.next() ? Optional.of(decode(result, 1, key)) : Optional.empty();
      }
    });
    found.ifPresent(v -> touches.note(namespace, key, now));
    return found;
  }

  /**
   * Reads the value at column {@code first} of the current row.
   *
   * @throws StorageException naming the entry when the row is unreadable
   */
  V decode(ResultSet result, int first, String key) throws SQLException {
    try {
      return codec.read(result, first);
    } catch (RuntimeException e) {
      throw new StorageException("unreadable row " + namespace + "/" + key + " in "
          + database.path() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void put(String key, V value, Instant expiresAt) {
    Objects.requireNonNull(key, "key");
    Row row = codec.write(Objects.requireNonNull(value, "value"));
    database.write(session -> {
      writer.put(session, namespace, key, row, expiresAt);
      return null;
    });
  }

  @Override
  public boolean delete(String key) {
    Objects.requireNonNull(key, "key");
    return deleteAll(List.of(key)) > 0;
  }

  /** Deletes the keys in one transaction; returns how many were present. */
  @Override
  public int deleteAll(Collection<String> keys) {
    if (keys.isEmpty()) {
      return 0;
    }
    return database.write(session -> {
      PreparedStatement delete = session.prepare(
          "delete from entries where namespace = ? and key = ?");
      int deleted = 0;
      for (String key : keys) {
        delete.setString(1, namespace);
        delete.setString(2, key);
        deleted += delete.executeUpdate();
      }
      return deleted;
    });
  }

  /** Every key, in key order, read {@value #KEY_PAGE} at a time as the stream is consumed. */
  @Override
  public Stream<String> keys() {
    return pages(null);
  }

  /**
   * The keys starting with {@code prefix}, by an index range ({@code key >= prefix and key <
   * prefix + U+10FFFF}), in key order, page by page.
   */
  @Override
  public Stream<String> keysWithPrefix(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    return pages(prefix).filter(k -> k.startsWith(prefix));
  }

  private Stream<String> pages(String prefix) {
    Iterator<String> iterator = new Iterator<>() {
      private List<String> page = List.of();
      private int next;
      private String after = prefix == null ? "" : prefix;
      private boolean done;
      private boolean first = prefix != null;

      @Override
      public boolean hasNext() {
        if (next < page.size()) {
          return true;
        }
        if (done) {
          return false;
        }
        page = page(after, prefix, first);
        first = false;
        next = 0;
        done = page.size() < KEY_PAGE;
        if (!page.isEmpty()) {
          after = page.get(page.size() - 1);
        }
        return !page.isEmpty();
      }

      @Override
      public String next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.get(next++);
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator,
        Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  private List<String> page(String after, String prefix, boolean inclusive) {
    String sql = "select key from entries where namespace = ? and key " + (inclusive ? ">=" : ">")
        + " ?" + (prefix == null ? "" : " and key < ?") + " order by key limit " + KEY_PAGE;
    return database.read(session -> {
      PreparedStatement statement = session.prepare(sql);
      statement.setString(1, namespace);
      statement.setString(2, after);
      if (prefix != null) {
        statement.setString(3, prefix + LAST_CHARACTER);
      }
      List<String> keys = new ArrayList<>(KEY_PAGE);
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          keys.add(result.getString(1));
        }
      }
      return keys;
    });
  }

  @Override
  public void clear() {
    database.write(session -> {
      PreparedStatement delete = session.prepare("delete from entries where namespace = ?");
      delete.setString(1, namespace);
      return delete.executeUpdate();
    });
  }

  @Override
  public long count() {
    return database.read(session -> {
      PreparedStatement statement = session.prepare(
          "select count(*) from entries where namespace = ?");
      statement.setString(1, namespace);
      try (ResultSet result = statement.executeQuery()) {
        return result.next() ? result.getLong(1) : 0L;
      }
    });
  }

  @Override
  public String toString() {
    return "SqliteStorage{" + database.path() + ", " + namespace + "}";
  }
}
