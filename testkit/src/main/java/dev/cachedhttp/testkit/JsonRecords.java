package dev.cachedhttp.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import okio.ByteString;

/**
 * Deterministic API-like JSON bodies of an exact size: an array of small records such as {@code
 * {"id":0,"name":"item-000000","price":0.0,"tags":["alpha","beta","gamma"],"active":true}},
 * padded by a last {@code {"pad":"xx…"}} record. Tests and benchmarks that weigh stored items use
 * it so that every one sees the same bytes.
 */
public final class JsonRecords {
  /** The smallest size {@link #ofSize} makes. */
  public static final int MIN_SIZE = 16;

  private JsonRecords() {}

  /**
   * Returns a JSON array of records exactly {@code size} bytes long (UTF-8).
   *
   * @throws IllegalArgumentException when {@code size} is below {@value #MIN_SIZE}
   */
  public static ByteString ofSize(int size) {
    if (size < MIN_SIZE) {
      throw new IllegalArgumentException("size must be at least " + MIN_SIZE + " but was "
          + size);
    }
    StringBuilder out = new StringBuilder(size).append('[');
    for (int i = 0; ; i++) {
      String record = (i == 0 ? "" : ",") + String.format(Locale.ROOT,
          "{\"id\":%d,\"name\":\"item-%06d\",\"price\":%d.%d,"
              + "\"tags\":[\"alpha\",\"beta\",\"gamma\"],\"active\":%b}",
          i, i, i * 7 % 1000, i % 10, i % 2 == 0);
      // Room for this record, the closing padding record and the closing bracket.
      if (out.length() + record.length() + MIN_SIZE > size) {
        break;
      }
      out.append(record);
    }
    String open = out.length() > 1 ? ",{\"pad\":\"" : "{\"pad\":\"";
    int padding = size - out.length() - open.length() - 3;
    out.append(open).append("x".repeat(Math.max(0, padding))).append("\"}]");
    byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
    if (bytes.length != size) {
      throw new IllegalStateException("made " + bytes.length + " bytes, wanted " + size);
    }
    return ByteString.of(bytes);
  }
}
