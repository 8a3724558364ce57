package dev.cachedhttp.sqlite.internal;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Stores a redirect alias: the key of the response it leads to, in {@code target}. */
final class RedirectRowCodec implements RowCodec<String> {
  /** The longest target key read back. */
  static final int MAX_TARGET_CHARS = 64 << 10;

  @Override
  public String columns() {
    return "target, length(target)";
  }

  @Override
  public Row write(String target) {
    return new Row().set("target", target);
  }

  @Override
  public String read(ResultSet result, int first) throws SQLException {
    String target = result.getString(first);
    if (target == null || result.getLong(first + 1) > MAX_TARGET_CHARS) {
      throw new IllegalArgumentException("column target is missing or longer than "
          + MAX_TARGET_CHARS + " characters");
    }
    return target;
  }
}
