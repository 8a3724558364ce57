package dev.cachedhttp.sqlite.internal;

/**
 * The values of one row to write: the {@link Columns#WRITTEN} columns (null where unused) and
 * the number of bytes the row counts against the cache's bound. Not thread-safe; built and
 * written by one thread.
 */
final class Row {
  private final Object[] values = new Object[Columns.WRITTEN.size()];
  private long size;

  /** Sets {@code column} to {@code value} (a String, Long, Integer or byte[]). */
  Row set(String column, Object value) {
    Object previous = values[Columns.indexOf(column)];
    values[Columns.indexOf(column)] = value;
    size += weight(value) - weight(previous);
    return this;
  }

  /** The value of the {@code index}th written column. */
  Object value(int index) {
    return values[index];
  }

  /** Bytes this row counts: the stored text and blobs plus a fixed overhead per row. */
  long size(String key) {
    return size + key.length() + 64;
  }

  private static long weight(Object value) {
    if (value instanceof String text) {
      return text.length();
    }
    if (value instanceof byte[] bytes) {
      return bytes.length;
    }
    return value == null ? 0 : 8;
  }
}
