package dev.cachedhttp.cli;

import dev.cachedhttp.sqlite.SqliteBackend;
import dev.cachedhttp.sqlite.internal.Columns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The SQLite side of {@link CacheTable}: opens a cache file and lists its rows' metadata. */
final class SqliteEntries {
  private static final String COLUMNS = "namespace, key, status, url, created_at, expires, "
      + "evict_at, target, size";

  private SqliteEntries() {}

  /**
   * Opens the cache file {@code file} with a backend that reads every entry, expired or not
   * (the commands decide what expired means) and runs no background maintenance.
   *
   * @throws CliException when the file does not exist or is not a cache file
   */
  static SqliteBackend open(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new CliException("no such file: SQLite file " + file);
    }
    try {
      return SqliteBackend.builder().path(file).cleanupInterval(Duration.ZERO)
          .clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).build();
    } catch (IllegalStateException e) {
      throw new CliException("not a cache file: SQLite file " + file + " (" + e.getMessage()
          + ")", e);
    }
  }

  /**
   * The rows of {@code namespace} (every namespace when null) in key order, read as the stream
   * is consumed; close the stream to close the connection.
   */
  static Stream<ItemSummary> list(Path file, String namespace) {
    try {
      Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
      PreparedStatement query = connection.prepareStatement("select " + COLUMNS + " from "
          + Columns.TABLE + (namespace == null ? "" : " where namespace = ?")
          + " order by namespace, key");
      if (namespace != null) {
        query.setString(1, namespace);
      }
      ResultSet rows = query.executeQuery();
      return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(rows),
          Spliterator.ORDERED), false).onClose(() -> close(connection));
    } catch (SQLException e) {
      throw new CliException("cannot read SQLite file " + file + ": " + e.getMessage(), e);
    }
  }

  private static Iterator<ItemSummary> iterator(ResultSet rows) {
    return new Iterator<>() {
      private Boolean ready;

      @Override
      public boolean hasNext() {
        if (ready == null) {
          try {
            ready = rows.next();
          } catch (SQLException e) {
            throw new CliException("cannot read the SQLite file: " + e.getMessage(), e);
          }
        }
        return ready;
      }

      @Override
      public ItemSummary next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ready = null;
        try {
          return summary(rows);
        } catch (SQLException e) {
          throw new CliException("cannot read the SQLite file: " + e.getMessage(), e);
        }
      }
    };
  }

  private static ItemSummary summary(ResultSet row) throws SQLException {
    return new ItemSummary(row.getString(1), row.getString(2), row.getInt(3), row.getString(4),
        instant(row.getString(5)), instant(row.getString(6)), instant(row.getString(7)), null,
        row.getString(8), row.getLong(9));
  }

  private static Instant instant(String text) {
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static void close(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // nothing left to release
    }
  }
}
