package dev.cachedhttp.bench;

import dev.cachedhttp.testkit.JsonRecords;
import okio.ByteString;

/** Deterministic JSON bodies of an exact size, so every benchmark serves the same bytes. */
public final class Bodies {
  /** The body sizes the size-parameterised benchmarks use: 1 KB, 32 KB and 256 KB. */
  public static final String[] SIZES = {"1024", "32768", "262144"};

  private Bodies() {}

  /**
   * Returns a JSON array of API-like records padded to exactly {@code size} bytes (at least 16),
   * the same bytes the backend's size tests weigh ({@link JsonRecords}).
   */
  public static ByteString json(int size) {
    return JsonRecords.ofSize(size);
  }
}
