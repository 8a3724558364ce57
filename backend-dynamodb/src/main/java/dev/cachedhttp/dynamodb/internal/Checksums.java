package dev.cachedhttp.dynamodb.internal;

import dev.cachedhttp.internal.StoredBodies;
import okio.ByteString;

/**
 * The body checksum stored in {@link ItemAttributes#BODY_CRC32C}: CRC32C of the served bytes, as
 * {@link StoredBodies} computes it for every persistent backend.
 */
final class Checksums {
  private Checksums() {}

  /** The CRC32C of {@code body}, an unsigned 32-bit value. */
  static long crc32c(ByteString body) {
    return StoredBodies.crc32c(body);
  }

  /**
   * Checks that {@code body} has the checksum {@code expected}.
   *
   * @throws IllegalArgumentException when it does not
   */
  static void verify(ByteString body, long expected) {
    StoredBodies.verifyCrc32c(body, expected);
  }
}
