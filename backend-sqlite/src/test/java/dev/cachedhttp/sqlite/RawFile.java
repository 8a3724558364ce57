package dev.cachedhttp.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain JDBC on a cache file, as a person (or an attacker) with the file would use it. */
final class RawFile implements AutoCloseable {
  private final Connection connection;

  RawFile(Path path) throws SQLException {
    this.connection = DriverManager.getConnection("jdbc:sqlite:" + path);
  }

  /** Every row of {@code sql} as a map from column label to value. */
  List<Map<String, Object>> query(String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet result = statement.executeQuery()) {
        List<Map<String, Object>> rows = new ArrayList<>();
        while (result.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int c = 1; c <= result.getMetaData().getColumnCount(); c++) {
            row.put(result.getMetaData().getColumnLabel(c), result.getObject(c));
          }
          rows.add(row);
        }
        return rows;
      }
    }
  }

  /** The only row of {@code sql}. */
  Map<String, Object> one(String sql, Object... parameters) throws SQLException {
    List<Map<String, Object>> rows = query(sql, parameters);
    if (rows.size() != 1) {
      throw new AssertionError("expected one row of " + sql + " but got " + rows);
    }
    return rows.get(0);
  }

  /** Runs a statement that changes the file; returns the rows changed. */
  int update(String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement.executeUpdate();
    }
  }

  /** Runs statements without parameters (transaction commands, pragmas). */
  void execute(String sql) throws SQLException {
    try (var statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
