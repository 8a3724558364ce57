package dev.cachedhttp.sqlite.internal;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Turns the values of one namespace's kind into {@link Row}s and reads them back, checking
 * everything read (the file is as hostile as any store others can write to).
 *
 * @param <V> the value type
 */
interface RowCodec<V> {
  /** The select list a read of one value uses; {@link #read} starts at its first column. */
  String columns();

  /**
   * The row storing {@code value}.
   *
   * @throws dev.cachedhttp.spi.EntryTooLargeException when it is too large to store
   */
  Row write(V value);

  /**
   * Reads the value from the current row of {@code result}, starting at column {@code first}.
   *
   * @throws IllegalArgumentException when the row is malformed or fails its checksum
   */
  V read(ResultSet result, int first) throws SQLException;
}
