package dev.cachedhttp.internal;

import dev.cachedhttp.spi.CachedResponse;

/**
 * Checks a document read from a backend before anything uses it: the store may be hostile or
 * damaged, so a document that could make a call fail, overflow a time computation or be served
 * malformed is treated as absent (see {@link CachedResponse#wellFormed()}). Pure; thread-safe.
 */
final class DocumentCheck {
  private DocumentCheck() {}

  /** True when {@code cached} is present and well formed. */
  static boolean usable(CachedResponse cached) {
    return cached != null && cached.wellFormed();
  }
}
