package dev.cachedhttp.dynamodb.internal;

import java.util.zip.CRC32C;
import okio.ByteString;

/** The body checksum stored in {@link ItemAttributes#BODY_CRC32C}: CRC32C of the served bytes. */
final class Checksums {
  private Checksums() {}

  /** The CRC32C of {@code body}, an unsigned 32-bit value. */
  static long crc32c(ByteString body) {
    CRC32C crc = new CRC32C();
    crc.update(body.asByteBuffer());
    return crc.getValue();
  }

  /**
   * Checks that {@code body} has the checksum {@code expected}.
   *
   * @throws IllegalArgumentException when it does not
   */
  static void verify(ByteString body, long expected) {
    long actual = crc32c(body);
    if (actual != expected) {
      throw new IllegalArgumentException("body checksum mismatch: item says CRC32C " + expected
          + ", the " + body.size() + "-byte body read back has " + actual);
    }
  }
}
