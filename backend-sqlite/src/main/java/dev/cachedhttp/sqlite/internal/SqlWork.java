package dev.cachedhttp.sqlite.internal;

import java.sql.SQLException;

/**
 * Work done with a {@link Session}: a read on a pooled connection, or the body of a write
 * transaction.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
interface SqlWork<T> {
  /** Does the work. */
  T run(Session session) throws SQLException;
}
