package dev.cachedhttp.dynamodb.internal;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns a stored value into the attributes of a DynamoDB item and back. Implementations are
 * thread-safe.
 *
 * @param <V> the value type
 */
interface ItemCodec<V> {

  /**
   * Returns the whole item for {@code value}: the {@code envelope} (key and expiry attributes)
   * plus the value's attributes, in a form that fits DynamoDB's item size limit.
   *
   * @throws ItemTooLargeException when no form of the value fits
   */
  Map<String, AttributeValue> encode(V value, Map<String, AttributeValue> envelope);

  /**
   * Reads the value back from an item written by {@link #encode}.
   *
   * @throws IllegalArgumentException or another runtime exception when the item is unreadable
   */
  V decode(Map<String, AttributeValue> item);

  /**
   * Encodes {@code value} with its body as bytes in the {@code body} attribute whatever its
   * size, for a store that splits large bodies into chunks; empty when this codec's values have
   * no body to split (the default).
   */
  default java.util.Optional<Map<String, AttributeValue>> encodeSplittable(V value,
      Map<String, AttributeValue> envelope) {
    return java.util.Optional.empty();
  }
}
