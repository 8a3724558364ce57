package dev.cachedhttp.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cachedhttp.dynamodb.internal.ItemAttributes;
import dev.cachedhttp.dynamodb.internal.ItemSize;
import dev.cachedhttp.dynamodb.internal.TableLayout;
import dev.cachedhttp.spi.Storage;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The generic metadata of one item, read without decoding it: where it is, what it is for and
 * when it expires. Response items have a status and URL; redirect aliases have a target; a value
 * cache's items have neither.
 *
 * @param namespace the partition-key value
 * @param key the cache key
 * @param status the stored status code, or 0 for a redirect alias or an unknown item
 * @param url the stored (redacted) URL, or null
 * @param createdAt when the response was received, or null
 * @param expires when the response stops being fresh, or null when it never does
 * @param evictAt when the entry becomes useless, or null when it never does
 * @param ttl DynamoDB's TTL attribute (epoch seconds), or null
 * @param target the key a redirect alias points to, or null
 * @param size the item's size in bytes as DynamoDB counts it
 */
record ItemSummary(String namespace, String key, int status, String url, Instant createdAt,
    Instant expires, Instant evictAt, Long ttl, String target, long size) {

  /** Reads the metadata of {@code item}; attributes that are absent or unreadable are null. */
  static ItemSummary of(Map<String, AttributeValue> item) {
    return new ItemSummary(string(item, TableLayout.PARTITION_KEY),
        string(item, TableLayout.SORT_KEY), (int) number(item, ItemAttributes.STATUS, 0),
        string(item, ItemAttributes.URL), instant(item, ItemAttributes.CREATED_AT),
        instant(item, ItemAttributes.EXPIRES), instant(item, ItemAttributes.EVICT_AT),
        item.containsKey(TableLayout.TTL_ATTRIBUTE)
            ? number(item, TableLayout.TTL_ATTRIBUTE, 0) : null,
        string(item, ItemAttributes.TARGET), ItemSize.of(item));
  }

  /** Whether this item is a redirect alias. */
  boolean isRedirect() {
    return target != null;
  }

  /** Whether the entry is useless at {@code now}: past its eviction time (or TTL). */
  boolean isEvicted(Instant now) {
    if (evictAt != null) {
      return Storage.isExpired(evictAt, now);
    }
    return isPastTtl(now);
  }

  /** Whether DynamoDB's TTL may delete the item at {@code now} (it does so within days). */
  boolean isPastTtl(Instant now) {
    return ttl != null && ttl <= now.getEpochSecond();
  }

  /** Whether the entry is no longer fresh at {@code now} (stale or evicted). */
  boolean isExpired(Instant now) {
    return Storage.isExpired(expires, now) || isEvicted(now);
  }

  /**
   * {@code fresh}, {@code stale} (past freshness, kept to be revalidated) or {@code evicted}
   * (past its eviction time: reads ignore it, DynamoDB's TTL deletes it).
   */
  String state(Instant now) {
    return isEvicted(now) ? "evicted" : isExpired(now) ? "stale" : "fresh";
  }

  /**
   * One line of {@code ls}: key, status, URL or target, created, expires, size; text read from
   * the table is {@linkplain Terminal#escape escaped}.
   */
  String line(Instant now) {
    String what = isRedirect() ? "redirect -> " + Terminal.escape(target)
        : url == null ? "-" : Terminal.escape(url);
    String kind = isRedirect() ? "alias" : status == 0 ? "value" : Integer.toString(status);
    return String.join("  ", Terminal.escape(key), kind + " " + state(now), what, time(createdAt),
        expires == null ? (isRedirect() ? time(evictAt) : "never") : time(expires),
        size + " B");
  }

  /** The metadata as a JSON object (for {@code ls --json}). */
  ObjectNode json(Instant now) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("namespace", namespace).put("key", key).put("state", state(now));
    if (isRedirect()) {
      node.put("target", target);
    } else {
      node.put("status", status).put("url", url);
    }
    putTime(node, "created_at", createdAt);
    putTime(node, "expires", expires);
    putTime(node, "evict_at", evictAt);
    node.put("size", size);
    return node;
  }

  private static void putTime(ObjectNode node, String name, Instant instant) {
    if (instant != null) {
      node.put(name, instant.toString());
    }
  }

  /** An instant to the second, or {@code -}. */
  static String time(Instant instant) {
    return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String string(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  private static long number(Map<String, AttributeValue> item, String name, long absent) {
    AttributeValue value = item.get(name);
    try {
      return value == null || value.n() == null ? absent : Long.parseLong(value.n());
    } catch (NumberFormatException e) {
      return absent;
    }
  }

  private static Instant instant(Map<String, AttributeValue> item, String name) {
    String value = string(item, name);
    try {
      return value == null ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
