package dev.cachedhttp.dynamodb.internal;

import dev.cachedhttp.spi.Storage;
import dev.cachedhttp.spi.StoredValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One value namespace of the DynamoDB backend: the user's key is the sort key as given, unless it
 * is longer than DynamoDB allows ({@value #MAX_SORT_KEY_BYTES} bytes), in which case the sort key
 * is its first {@value #READABLE_PREFIX_BYTES} bytes or so followed by {@code #sha256:} and the
 * key's SHA-256, and the item keeps the whole key in {@link ValueItemCodec#FULL_KEY}. A key that
 * itself contains {@code #sha256:} is hashed the same way whatever its length, so no key given
 * as is can ever equal another key's hashed form (the two spaces are disjoint). A read
 * returns an item only when its whole key is the one asked for. {@link #keys()} lists sort keys,
 * so a hashed key appears in its hashed form. Thread-safe.
 */
public final class ValueStorage implements Storage<StoredValue> {
  /** DynamoDB's limit on a sort key's UTF-8 length. */
  public static final int MAX_SORT_KEY_BYTES = 1024;

  /** About how many bytes of a hashed key stay readable in its sort key. */
  public static final int READABLE_PREFIX_BYTES = 200;

  private static final String HASH_MARK = "#sha256:";

  private final DynamoStorage<ValueItem> items;

  /** Creates the namespace over {@code items}, whose codec is a {@link ValueItemCodec}. */
  public ValueStorage(DynamoStorage<ValueItem> items) {
    this.items = items;
  }

  /** The sort key that holds {@code key}: the key itself, or a readable hashed form. */
  public static String sortKeyOf(String key) {
    Objects.requireNonNull(key, "key");
    if (ItemSize.utf8Length(key) <= MAX_SORT_KEY_BYTES && !key.contains(HASH_MARK)) {
      return key;
    }
    int end = 0;
    long bytes = 0;
    while (end < key.length() && bytes < READABLE_PREFIX_BYTES) {
      int codePoint = key.codePointAt(end);
      bytes += ItemSize.utf8Length(new String(Character.toChars(codePoint)));
      end += Character.charCount(codePoint);
    }
    return key.substring(0, end) + HASH_MARK + sha256(key);
  }

  private static String sha256(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required on every Java platform", e);
    }
  }

  @Override
  public Optional<StoredValue> get(String key) {
    return items.get(sortKeyOf(key))
        .filter(item -> item.key().equals(key))
        .map(ValueItem::value);
  }

  @Override
  public void put(String key, StoredValue value, Instant expiresAt) {
    Objects.requireNonNull(value, "value");
    items.put(sortKeyOf(key), new ValueItem(key, value), expiresAt);
  }

  @Override
  public boolean delete(String key) {
    return items.delete(sortKeyOf(key));
  }

  @Override
  public Stream<String> keys() {
    return items.keys();
  }

  /** Deletes every item of this namespace, found with paginated Queries (never a Scan). */
  @Override
  public void clear() {
    items.clear();
  }

  @Override
  public long count() {
    return items.count();
  }

  @Override
  public String toString() {
    return "ValueStorage{" + items + "}";
  }
}
