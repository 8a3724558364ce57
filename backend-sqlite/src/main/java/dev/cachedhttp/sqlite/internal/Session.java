package dev.cachedhttp.sqlite.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.sqlite.SQLiteConnection;

/**
 * One JDBC connection to the file with its prepared statements, each prepared once and reused.
 * Used by one thread at a time (the pool and the writer lock see to that).
 */
final class Session implements AutoCloseable {
  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  Session(Connection connection) {
    this.connection = connection;
  }

  /** The prepared statement for {@code sql}, prepared on first use. */
  public PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    }
    return statement;
  }

  /** Runs one statement that takes no parameters (a pragma, a transaction command). */
  public void execute(String sql) throws SQLException {
    try (var statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /**
   * Runs {@code sql} to completion with {@code sqlite3_exec}, which steps through every row it
   * yields: {@code incremental_vacuum} frees one page per row, and a JDBC execute steps once.
   */
  public void drain(String sql) throws SQLException {
    connection.unwrap(SQLiteConnection.class).getDatabase()._exec(sql);
  }

  /** The first column of the first row of {@code sql}, as text (null when there is no row). */
  public String queryText(String sql) throws SQLException {
    try (var statement = connection.createStatement();
        var result = statement.executeQuery(sql)) {
      return result.next() ? result.getString(1) : null;
    }
  }

  /** The first column of the first row of {@code sql}, as a long (0 when there is no row). */
  public long queryLong(String sql) throws SQLException {
    try (var statement = connection.createStatement();
        var result = statement.executeQuery(sql)) {
      return result.next() ? result.getLong(1) : 0;
    }
  }

  Connection connection() {
    return connection;
  }

  @Override
  public void close() {
    for (PreparedStatement statement : statements.values()) {
      try {
        statement.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
    statements.clear();
    try {
      connection.close();
    } catch (SQLException ignored) {
      // nothing left to release
    }
  }
}
