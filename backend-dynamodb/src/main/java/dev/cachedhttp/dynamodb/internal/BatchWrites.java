package dev.cachedhttp.dynamodb.internal;

import dev.cachedhttp.spi.StorageException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Puts or deletes items with {@code BatchWriteItem}, {@value #BATCH_SIZE} at a time, resending
 * unprocessed items (DynamoDB leaves items unprocessed only when it throttles) up to {@value
 * #MAX_ATTEMPTS} times with exponential backoff starting at {@value #FIRST_BACKOFF_MILLIS} ms.
 * Not thread-safe; make one per operation.
 */
final class BatchWrites {
  /** DynamoDB's limit of requests per {@code BatchWriteItem}. */
  static final int BATCH_SIZE = 25;

  /** Attempts per batch before giving up on its unprocessed items. */
  static final int MAX_ATTEMPTS = 6;

  /** The backoff before the second attempt; doubled for each further one. */
  static final long FIRST_BACKOFF_MILLIS = 25;

  private final Calls calls;
  private final AwsRequestOverrideConfiguration timeouts;

  /** Batch writes with the admin timeouts (bulk deletes of the CLI and {@code clear()}). */
  BatchWrites(Calls calls) {
    this(calls, calls.admin());
  }

  /** Batch writes, each request bounded by {@code timeouts}. */
  BatchWrites(Calls calls, AwsRequestOverrideConfiguration timeouts) {
    this.calls = calls;
    this.timeouts = timeouts;
  }

  /**
   * Deletes the items with the given primary keys, which must be distinct, and returns how many
   * keys were sent.
   *
   * @throws StorageException when a request fails or items stay unprocessed
   */
  int delete(Stream<Map<String, AttributeValue>> primaryKeys) {
    return send(primaryKeys.map(key -> WriteRequest.builder()
        .deleteRequest(DeleteRequest.builder().key(key).build()).build()));
  }

  /**
   * Puts the given items, whose primary keys must be distinct.
   *
   * @throws StorageException when a request fails or items stay unprocessed
   */
  void put(List<Map<String, AttributeValue>> items) {
    send(items.stream().map(item -> WriteRequest.builder()
        .putRequest(PutRequest.builder().item(item).build()).build()));
  }

  private int send(Stream<WriteRequest> requests) {
    int sent = 0;
    List<WriteRequest> batch = new ArrayList<>(BATCH_SIZE);
    Iterator<WriteRequest> each = requests.iterator();
    while (each.hasNext()) {
      batch.add(each.next());
      if (batch.size() == BATCH_SIZE) {
        sent += sendBatch(batch);
        batch = new ArrayList<>(BATCH_SIZE);
      }
    }
    if (!batch.isEmpty()) {
      sent += sendBatch(batch);
    }
    return sent;
  }

  private int sendBatch(List<WriteRequest> batch) {
    List<WriteRequest> pending = batch;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (attempt > 0) {
        backoff(attempt);
      }
      List<WriteRequest> toSend = pending;
      BatchWriteItemResponse response = calls.run("BatchWriteItem", () ->
          calls.client().batchWriteItem(r -> r
              .requestItems(Map.of(calls.table(), toSend))
              .overrideConfiguration(timeouts)));
      pending = response.unprocessedItems().getOrDefault(calls.table(), List.of());
      if (pending.isEmpty()) {
        return batch.size();
      }
    }
    throw new StorageException(pending.size() + " writes stayed unprocessed by DynamoDB table '"
        + calls.table() + "' after " + MAX_ATTEMPTS + " attempts");
  }

  private static void backoff(int attempt) {
    try {
      Thread.sleep(FIRST_BACKOFF_MILLIS << (attempt - 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while retrying unprocessed writes", e);
    }
  }
}
