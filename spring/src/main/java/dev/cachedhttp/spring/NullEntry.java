package dev.cachedhttp.spring;

/**
 * What a cached {@code null} is stored as, so that Spring's "the method returned null" can be
 * told apart from a miss. Always readable, whatever types are allowed.
 *
 * @param cachedNull always true
 */
record NullEntry(boolean cachedNull) {
  static final NullEntry INSTANCE = new NullEntry(true);
}
