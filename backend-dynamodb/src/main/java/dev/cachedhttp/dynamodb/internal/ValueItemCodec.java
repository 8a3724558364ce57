package dev.cachedhttp.dynamodb.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachedhttp.spi.StoredValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Stores a value-cache entry as a readable item: {@value #VALUE} holds the value as a native
 * DynamoDB document (a JSON object as a map, an array as a list, a string as a string, a number
 * as a number), or as its JSON text when DynamoDB cannot hold it faithfully (see {@link
 * JsonAttributes}); {@value #VALUE_ENCODING} says which. Beside it: {@value #VALUE_TYPE} (the
 * Java type, when known), {@code created_at}, {@code expires}, and {@value #FULL_KEY} when the
 * sort key is a hashed form of a long key. Thread-safe.
 */
final class ValueItemCodec implements ItemCodec<ValueItem> {
  /** The value attribute. */
  public static final String VALUE = "value";

  /** How {@link #VALUE} is stored: {@value #ENCODING_JSON} or {@value #ENCODING_JSON_TEXT}. */
  public static final String VALUE_ENCODING = "value_encoding";

  /** The Java type the value was written from (String); absent when unknown. */
  public static final String VALUE_TYPE = "value_type";

  /** The user's key (String), present only when the sort key is its hashed form. */
  public static final String FULL_KEY = "full_key";

  /** {@link #VALUE} is a native DynamoDB document. */
  public static final String ENCODING_JSON = "json";

  /** {@link #VALUE} is a String holding JSON text. */
  public static final String ENCODING_JSON_TEXT = "json-text";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Creates the codec. */
  public ValueItemCodec() {}

  @Override
  public Map<String, AttributeValue> encode(ValueItem entry,
      Map<String, AttributeValue> envelope) {
    StoredValue stored = entry.value();
    Map<String, AttributeValue> item = new LinkedHashMap<>(envelope);
    item.put(ItemAttributes.FORMAT,
        AttributeValue.fromN(Integer.toString(ItemAttributes.CURRENT_FORMAT)));
    AttributeValue sortKey = envelope.get(TableLayout.SORT_KEY);
    if (sortKey == null || !entry.key().equals(sortKey.s())) {
      item.put(FULL_KEY, AttributeValue.fromS(entry.key()));
    }
    byte[] json = toJson(stored.value());
    Optional<AttributeValue> document = JsonAttributes.toAttribute(json);
    item.put(VALUE, document.orElseGet(
        () -> AttributeValue.fromS(new String(json, StandardCharsets.UTF_8))));
    item.put(VALUE_ENCODING,
        AttributeValue.fromS(document.isPresent() ? ENCODING_JSON : ENCODING_JSON_TEXT));
    if (stored.typeName() != null) {
      item.put(VALUE_TYPE, AttributeValue.fromS(stored.typeName()));
    }
    item.put(ItemAttributes.CREATED_AT, AttributeValue.fromS(stored.createdAt().toString()));
    if (stored.expiresAt() != null) {
      item.put(ItemAttributes.EXPIRES, AttributeValue.fromS(stored.expiresAt().toString()));
    }
    long size = ItemSize.of(item);
    if (size > ItemSize.WRITABLE_ITEM_BYTES) {
      throw new ItemTooLargeException("value item of " + size + " bytes exceeds DynamoDB's item "
          + "limit (" + ItemSize.WRITABLE_ITEM_BYTES + " bytes writable)");
    }
    return item;
  }

  @Override
  public ValueItem decode(Map<String, AttributeValue> item) {
    Attributes a = new Attributes(item);
    a.checkFormat();
    String key = item.containsKey(FULL_KEY) ? a.string(FULL_KEY) : a.string(TableLayout.SORT_KEY);
    String encoding = a.string(VALUE_ENCODING);
    AttributeValue value = a.required(VALUE);
    JsonNode tree;
    if (ENCODING_JSON.equals(encoding)) {
      tree = parse(JsonAttributes.toJson(value));
    } else if (ENCODING_JSON_TEXT.equals(encoding)) {
      tree = parse(a.string(VALUE).getBytes(StandardCharsets.UTF_8));
    } else {
      throw new IllegalArgumentException("attribute " + VALUE_ENCODING + " has unknown value "
          + encoding);
    }
    Instant createdAt = Instant.parse(a.string(ItemAttributes.CREATED_AT));
    Instant expires = a.optionalInstant(ItemAttributes.EXPIRES);
    String type = item.containsKey(VALUE_TYPE) ? a.string(VALUE_TYPE) : null;
    return new ValueItem(key, new StoredValue(tree, createdAt, expires, type));
  }

  private static byte[] toJson(JsonNode tree) {
    try {
      return JSON.writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the value as JSON", e);
    }
  }

  private static JsonNode parse(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("attribute " + VALUE + " is not valid JSON", e);
    }
  }
}
