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
 * Finds a response and a redirect alias for one key in a single {@code BatchGetItem}; only when
 * the key is an alias does a second request ({@code GetItem} of the target) follow. Keys
 * DynamoDB leaves unprocessed are asked for again, at most {@value BatchReads#MAX_ATTEMPTS} times
 * in all.
 * Thread-safe.
 */
public final class BatchLookup {

  private final Calls calls;
  private final DynamoStorage<CachedResponse> responses;
  private final DynamoStorage<String> redirects;

  /** Creates the lookup over both namespaces. */
  public BatchLookup(Calls calls, DynamoStorage<CachedResponse> responses,
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
    Map<String, AttributeValue> responseKey = responses.primaryKey(key);
    Map<String, AttributeValue> aliasKey = redirects.primaryKey(key);
    List<Map<String, AttributeValue>> items = BatchReads.fetch(calls, List.of(responseKey, aliasKey),
        responses.consistentReads(), null, calls.read());
    Optional<CachedResponse> direct = find(items, responseKey).flatMap(responses::readLive);
    if (direct.isPresent()) {
      return Optional.of(new Backend.Lookup(key, direct.get()));
    }
    Optional<String> target = find(items, aliasKey).flatMap(redirects::readLive);
    if (target.isEmpty()) {
      return Optional.empty();
    }
    return responses.get(target.get()).map(r -> new Backend.Lookup(target.get(), r));
  }

  private static Optional<Map<String, AttributeValue>> find(
      List<Map<String, AttributeValue>> items, Map<String, AttributeValue> primaryKey) {
    AttributeValue partition = primaryKey.get(PARTITION_KEY);
    return items.stream().filter(item -> partition.equals(item.get(PARTITION_KEY))).findFirst();
  }
}
