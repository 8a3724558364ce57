package dev.cachedhttp.dynamodb.internal;

import static dev.cachedhttp.dynamodb.internal.TableLayout.PARTITION_KEY;

import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.StorageException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Finds the response stored under a key, or under the target of the redirect alias stored under
 * it; a response under the key itself wins over an alias.
 *
 * <p>Which requests that takes depends on what the last lookup of the same key in this process
 * found. A key last found as a response is read with one {@code GetItem} of its response item:
 * a repeated hit, the common case, costs that one request (one read unit). Only when no response
 * is there any more is the alias read ({@code GetItem}), and then its target's response. Any other
 * key (never looked up here, or last found as an alias or as nothing) is read with one {@code
 * BatchGetItem} of its response and alias items, as every lookup was before: a miss costs one
 * request, an alias hit two. So no lookup costs more requests than that one shape, except one of a
 * key that was a response and is no longer. The hints only choose the requests, never the answer:
 * every shape reads the table as it is now. They are kept in a fixed table of {@value
 * #HINT_SLOTS} bytes indexed by the key's hash, so keys that share a slot share a hint.
 *
 * <p>A lookup makes at most three reads, each within the backend's read timeout and all within
 * twice that: a read that would start with less than a millisecond left is not made (a {@link
 * StorageException}), so a slow table costs a lookup at most twice the read timeout. Keys DynamoDB
 * leaves unprocessed in a batch are asked for again, at most {@value BatchReads#MAX_ATTEMPTS}
 * times in all. Thread-safe: hints are written and read without locks, and a lost update only
 * costs a request.
 */
public final class ResponseLookup {
  /** The number of hint slots; a power of two. */
  static final int HINT_SLOTS = 4096;

  private static final byte BOTH_AT_ONCE = 0;
  private static final byte RESPONSE_FIRST = 1;

  private final Calls calls;
  private final DynamoStorage<CachedResponse> responses;
  private final DynamoStorage<String> redirects;
  private final byte[] hints = new byte[HINT_SLOTS];

  /** Creates the lookup over both namespaces. */
  public ResponseLookup(Calls calls, DynamoStorage<CachedResponse> responses,
      DynamoStorage<String> redirects) {
    this.calls = calls;
    this.responses = responses;
    this.redirects = redirects;
  }

  /**
   * Returns the live response stored under {@code key}, or under the target of a live alias
   * stored under {@code key}.
   *
   * @throws StorageException when DynamoDB fails or an item is unreadable
   */
  public Optional<Backend.Lookup> lookup(String key) {
    int slot = slot(key);
    long deadline = calls.lookupDeadline();
    return hints[slot] == RESPONSE_FIRST
        ? responseFirst(key, slot, deadline) : bothAtOnce(key, slot, deadline);
  }

  private Optional<Backend.Lookup> responseFirst(String key, int slot, long deadline) {
    Optional<CachedResponse> direct = responses.get(key);
    if (direct.isPresent()) {
      return Optional.of(new Backend.Lookup(key, direct.get()));
    }
    hints[slot] = BOTH_AT_ONCE;
    return throughAlias(redirects.get(key, calls.readUntil(deadline)), deadline);
  }

  private Optional<Backend.Lookup> bothAtOnce(String key, int slot, long deadline) {
    Map<String, AttributeValue> responseKey = responses.primaryKey(key);
    Map<String, AttributeValue> aliasKey = redirects.primaryKey(key);
    List<Map<String, AttributeValue>> items = BatchReads.fetch(calls, List.of(responseKey, aliasKey),
        responses.consistentReads(), null, calls.read());
    Optional<CachedResponse> direct = find(items, responseKey).flatMap(responses::readLive);
    if (direct.isPresent()) {
      hints[slot] = RESPONSE_FIRST;
      return Optional.of(new Backend.Lookup(key, direct.get()));
    }
    return throughAlias(find(items, aliasKey).flatMap(redirects::readLive), deadline);
  }

  private Optional<Backend.Lookup> throughAlias(Optional<String> target, long deadline) {
    if (target.isEmpty()) {
      return Optional.empty();
    }
    return responses.get(target.get(), calls.readUntil(deadline))
        .map(r -> new Backend.Lookup(target.get(), r));
  }

  private static int slot(String key) {
    int hash = key.hashCode();
    return (hash ^ (hash >>> 16)) & (HINT_SLOTS - 1);
  }

  private static Optional<Map<String, AttributeValue>> find(
      List<Map<String, AttributeValue>> items, Map<String, AttributeValue> primaryKey) {
    AttributeValue partition = primaryKey.get(PARTITION_KEY);
    return items.stream().filter(item -> partition.equals(item.get(PARTITION_KEY))).findFirst();
  }
}
