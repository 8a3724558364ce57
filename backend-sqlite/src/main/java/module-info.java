/**
 * The SQLite backend: {@code dev.cachedhttp.sqlite.SqliteBackend} and its builder. {@code
 * dev.cachedhttp.sqlite.internal} is not API: it is exported only to the project's command-line
 * tool, which reads the file directly.
 */
@SuppressWarnings("module") // the qualified export names a module built after this one
module dev.cachedhttp.sqlite {
  requires transitive dev.cachedhttp;
  requires java.sql;
  requires org.xerial.sqlitejdbc;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.cachedhttp.sqlite;
  exports dev.cachedhttp.sqlite.internal to dev.cachedhttp.cli;
}
