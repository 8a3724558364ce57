package dev.cachedhttp.dynamodb.internal;

import dev.cachedhttp.spi.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Reads items of one table with {@code BatchGetItem}, the keys of one request at a time (at most
 * 100 keys whose items stay under 16 MB together, so that keys left unprocessed mean throttling):
 * unprocessed keys are asked again, {@value #MAX_ATTEMPTS} attempts in all, before it gives up.
 */
final class BatchReads {
  /** Attempts of a {@code BatchGetItem} whose keys DynamoDB left unprocessed. */
  static final int MAX_ATTEMPTS = 3;

  private BatchReads() {}

  /**
   * Reads {@code keys}, projected to {@code projection} (with {@code #p} and {@code #k} for the
   * key attributes) unless it is null.
   *
   * @throws StorageException when a request fails or keys stay unprocessed
   */
  static List<Map<String, AttributeValue>> fetch(Calls calls, List<Map<String, AttributeValue>> keys,
      boolean consistent, String projection, AwsRequestOverrideConfiguration timeouts) {
    List<Map<String, AttributeValue>> items = new ArrayList<>(keys.size());
    List<Map<String, AttributeValue>> pending = keys;
    for (int attempt = 0; attempt < MAX_ATTEMPTS && !pending.isEmpty(); attempt++) {
      KeysAndAttributes.Builder request = KeysAndAttributes.builder().keys(pending)
          .consistentRead(consistent);
      if (projection != null) {
        request.projectionExpression(projection).expressionAttributeNames(
            Map.of("#p", TableLayout.PARTITION_KEY, "#k", TableLayout.SORT_KEY));
      }
      KeysAndAttributes built = request.build();
      BatchGetItemResponse response = calls.run("BatchGetItem", () -> calls.client()
          .batchGetItem(r -> r.requestItems(Map.of(calls.table(), built))
              .overrideConfiguration(timeouts)));
      items.addAll(response.responses().getOrDefault(calls.table(), List.of()));
      KeysAndAttributes unprocessed = response.unprocessedKeys().get(calls.table());
      pending = unprocessed == null ? List.of() : unprocessed.keys();
    }
    if (!pending.isEmpty()) {
      throw new StorageException("DynamoDB left " + pending.size() + " keys unprocessed by "
          + "BatchGetItem on table '" + calls.table() + "' after " + MAX_ATTEMPTS + " attempts");
    }
    return items;
  }
}
