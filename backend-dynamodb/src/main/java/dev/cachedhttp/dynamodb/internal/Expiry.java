package dev.cachedhttp.dynamodb.internal;

import dev.cachedhttp.spi.Storage;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The expiry attributes of an item: {@link ItemAttributes#EVICT_AT} (exact, always written for an
 * expiring entry) and {@link TableLayout#TTL_ATTRIBUTE} (epoch seconds rounded up, for DynamoDB's
 * TTL deletion, written only with TTL on).
 */
final class Expiry {
  private Expiry() {}

  /** The attributes recording {@code expiresAt}; none when it is {@code null}. */
  static Map<String, AttributeValue> attributes(Instant expiresAt, boolean ttl) {
    Map<String, AttributeValue> attributes = new LinkedHashMap<>();
    if (expiresAt != null) {
      attributes.put(ItemAttributes.EVICT_AT, AttributeValue.fromS(expiresAt.toString()));
      if (ttl) {
        attributes.put(TableLayout.TTL_ATTRIBUTE,
            AttributeValue.fromN(Long.toString(epochSecondsRoundedUp(expiresAt))));
      }
    }
    return attributes;
  }

  static long epochSecondsRoundedUp(Instant instant) {
    return instant.getNano() == 0 ? instant.getEpochSecond() : instant.getEpochSecond() + 1;
  }

  /**
   * Returns true when {@code item} has expired at {@code now}: its {@code evict_at}, or failing
   * that its {@code ttl}, is not after {@code now}. An unreadable expiry counts as expired.
   */
  static boolean isExpired(Map<String, AttributeValue> item, Instant now) {
    AttributeValue evictAt = item.get(ItemAttributes.EVICT_AT);
    AttributeValue ttl = item.get(TableLayout.TTL_ATTRIBUTE);
    try {
      if (evictAt != null && evictAt.s() != null) {
        return Storage.isExpired(IsoInstants.parse(evictAt.s()), now);
      }
      if (ttl != null && ttl.n() != null) {
        return Storage.isExpired(Instant.ofEpochSecond(Long.parseLong(ttl.n())), now);
      }
      return false;
    } catch (DateTimeException | NumberFormatException e) {
      return true;
    }
  }
}
