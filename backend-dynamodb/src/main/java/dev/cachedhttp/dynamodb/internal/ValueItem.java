package dev.cachedhttp.dynamodb.internal;

import dev.cachedhttp.spi.StoredValue;
import java.util.Objects;

/**
 * A value as one item holds it: the user's key as given (the sort key may be a hashed form of
 * it) and the stored value.
 *
 * @param key the user's key
 * @param value the stored value
 */
record ValueItem(String key, StoredValue value) {
  /** Creates the item; both parts are required. */
  public ValueItem {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }
}
