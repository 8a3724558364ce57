package dev.cachedhttp.sqlite.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cachedhttp.spi.EntryTooLargeException;
import dev.cachedhttp.spi.StoredValue;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Stores a value-cache entry as readable JSON text in {@code value}, with {@code value_type}
 * (the Java type, when known), {@code created_at} and {@code expires}. Thread-safe.
 */
final class ValueRowCodec implements RowCodec<StoredValue> {
  private final long maxValueBytes;

  /** Creates the codec; values weighing more than {@code maxValueBytes} are refused. */
  ValueRowCodec(long maxValueBytes) {
    this.maxValueBytes = maxValueBytes;
  }

  @Override
  public String columns() {
    return "value, value_type, created_at, expires, length(value)";
  }

  @Override
  public Row write(StoredValue stored) {
    if (stored.approximateSize() > maxValueBytes) {
      throw new EntryTooLargeException("value of about " + stored.approximateSize()
          + " bytes exceeds the SQLite backend's maxBodyBytes of " + maxValueBytes);
    }
    return new Row()
        .set("value", stored.value().toString())
        .set("value_type", stored.typeName())
        .set("created_at", stored.createdAt().toString())
        .set("expires", stored.expiresAt() == null ? null : stored.expiresAt().toString());
  }

  @Override
  public StoredValue read(ResultSet r, int first) throws SQLException {
    String text = r.getString(first);
    if (text == null || r.getLong(first + 4) > 2 * maxValueBytes) {
      throw new IllegalArgumentException("column value is missing or larger than any stored");
    }
    JsonNode tree;
    try {
      tree = HeadersJson.JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("column value is not valid JSON", e);
    }
    String expires = r.getString(first + 3);
    return new StoredValue(tree, SortableTime.parse(r.getString(first + 2), "created_at"),
        expires == null ? null : SortableTime.parse(expires, "expires"), r.getString(first + 1));
  }
}
