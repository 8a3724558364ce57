package dev.cachedhttp.bench;

import java.nio.charset.StandardCharsets;
import okio.ByteString;

/** Deterministic JSON bodies of an exact size, so every benchmark serves the same bytes. */
public final class Bodies {
  /** The body sizes the size-parameterised benchmarks use: 1 KB, 32 KB and 256 KB. */
  public static final String[] SIZES = {"1024", "32768", "262144"};

  private Bodies() {}

  /**
   * Returns a JSON array of records, padded to exactly {@code size} bytes (at least 16). It looks
   * like a typical API answer, so codecs that store JSON natively see realistic input.
   */
  public static ByteString json(int size) {
    if (size < 16) {
      throw new IllegalArgumentException("size must be at least 16 but was " + size);
    }
    StringBuilder out = new StringBuilder(size).append('[');
    for (int i = 0; ; i++) {
      String record = (i == 0 ? "" : ",") + "{\"id\":" + i + ",\"name\":\"item-" + i
          + "\",\"price\":" + (i * 7 % 1000) + ".5,\"tags\":[\"a\",\"b\"],\"active\":"
          + (i % 2 == 0) + "}";
      // Room for this record, the closing padding record and the closing bracket.
      if (out.length() + record.length() + 16 > size) {
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
