package dev.cachedhttp.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a value namespace ({@link Backend#values(String)}): a value as a Jackson tree, when
 * it was stored, when it expires, and the name of the Java type it was written from.
 *
 * <p>The tree is owned by this record once it is constructed: neither the creator nor a reader
 * may modify it. Backends store it as a readable document (a JSON object as a map, a string as a
 * string) and must give back a tree equal to it; numbers may come back in another but equal form.
 *
 * @param value the value as a JSON tree; {@code null} is not allowed (use a {@code NullNode})
 * @param createdAt when the value was stored
 * @param expiresAt when the value stops being returned, or {@code null} when it never expires
 * @param typeName the Java type the value was written from (a class name), or {@code null}
 */
public record StoredValue(JsonNode value, Instant createdAt, Instant expiresAt, String typeName) {
  private static final int NODE_OVERHEAD_BYTES = 16;

  /** Creates a stored value; {@code value} and {@code createdAt} are required. */
  public StoredValue {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** Returns true when this value has expired at {@code now} (its expiry is not after it). */
  public boolean isExpired(Instant now) {
    return Storage.isExpired(expiresAt, now);
  }

  /**
   * Approximate size of the value in bytes, about the length of its compact JSON: used by
   * backends to bound memory and to skip values too large to store.
   */
  public long approximateSize() {
    return sizeOf(value) + (typeName == null ? 0 : typeName.length()) + 64;
  }

  private static long sizeOf(JsonNode node) {
    if (node.isContainerNode()) {
      long size = NODE_OVERHEAD_BYTES;
      if (node.isObject()) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          size += field.getKey().length() + sizeOf(field.getValue());
        }
      } else {
        for (JsonNode element : node) {
          size += sizeOf(element);
        }
      }
      return size;
    }
    if (node.isTextual()) {
      return NODE_OVERHEAD_BYTES + node.textValue().length();
    }
    if (node.isBinary()) {
      return NODE_OVERHEAD_BYTES + node.asText().length();
    }
    return NODE_OVERHEAD_BYTES;
  }
}
