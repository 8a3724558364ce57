package dev.cachedhttp.examples;

import dev.cachedhttp.CacheStats;
import dev.cachedhttp.sqlite.SqliteBackend;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The demo on a SQLite file: says whether an earlier run left entries, runs the demo, and prints
 * the stored rows as {@code sqlite3} would. A second run within five minutes is served from the
 * file the first wrote.
 */
final class SqliteDemo {
  /** What the demo shows, and the command that shows it. */
  static final String QUERY = "select url, status, expires, body_encoding from responses";

  private SqliteDemo() {}

  /** Runs the demo over the file {@code file} against {@code origin}, printing to {@code out}. */
  static CacheStats run(LocalOrigin origin, Path file, PrintStream out)
      throws IOException {
    boolean existed = Files.exists(file);
    SqliteBackend sqlite = SqliteBackend.builder().path(file).maxBytes(64L << 20).build();
    long entries = sqlite.estimatedSize().orElse(0);
    out.printf("SQLite file %s: %s%n", file, existed
        ? "written by an earlier run, " + entries + " entries (expired ones are misses)"
        : "new; run the demo again and its first round comes from this file");
    CacheStats stats = Demo.run(origin, sqlite, out);
    out.printf("%n$ sqlite3 %s \"%s\"%n", file, QUERY);
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(QUERY)) {
      while (rows.next()) {
        out.printf("%s|%d|%s|%s%n", rows.getString(1), rows.getInt(2), rows.getString(3),
            rows.getString(4));
      }
    } catch (SQLException e) {
      out.println("(cannot read " + file + ": " + e.getMessage() + ")");
    }
    return stats;
  }
}
