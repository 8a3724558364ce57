package dev.cachedhttp.dynamodb.internal;

import dev.cachedhttp.spi.StorageException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Deletes items by primary key with {@code BatchWriteItem}, {@value #BATCH_SIZE} at a time,
 * resending unprocessed items up to {@value #MAX_ATTEMPTS} times with exponential backoff
 * starting at {@value #FIRST_BACKOFF_MILLIS} ms. Not thread-safe; make one per operation.
 */
final class BatchDeleter {
  /** DynamoDB's limit of requests per {@code BatchWriteItem}. */
  static final int BATCH_SIZE = 25;

  /** Attempts per batch before giving up on its unprocessed items. */
  static final int MAX_ATTEMPTS = 6;

  static final long FIRST_BACKOFF_MILLIS = 25;

  private final Calls calls;

  BatchDeleter(Calls calls) {
    this.calls = calls;
  }

  /**
   * Deletes the items with the given primary keys, which must be distinct, and returns how many
   * keys were sent.
   *
   * @throws StorageException when a request fails or items stay unprocessed
   */
  int delete(Stream<Map<String, AttributeValue>> primaryKeys) {
    int sent = 0;
    List<WriteRequest> batch = new ArrayList<>(BATCH_SIZE);
    Iterator<Map<String, AttributeValue>> keys = primaryKeys.iterator();
    while (keys.hasNext()) {
      batch.add(WriteRequest.builder()
          .deleteRequest(DeleteRequest.builder().key(keys.next()).build())
          .build());
      if (batch.size() == BATCH_SIZE) {
        sent += send(batch);
        batch = new ArrayList<>(BATCH_SIZE);
      }
    }
    if (!batch.isEmpty()) {
      sent += send(batch);
    }
    return sent;
  }

  private int send(List<WriteRequest> batch) {
    List<WriteRequest> pending = batch;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (attempt > 0) {
        backoff(attempt);
      }
      List<WriteRequest> toSend = pending;
      BatchWriteItemResponse response = calls.run("BatchWriteItem", () ->
          calls.client().batchWriteItem(r -> r
              .requestItems(Map.of(calls.table(), toSend))
              .overrideConfiguration(calls.admin())));
      pending = response.unprocessedItems().getOrDefault(calls.table(), List.of());
      if (pending.isEmpty()) {
        return batch.size();
      }
    }
    throw new StorageException(pending.size() + " deletes stayed unprocessed by DynamoDB table '"
        + calls.table() + "' after " + MAX_ATTEMPTS + " attempts");
  }

  private static void backoff(int attempt) {
    try {
      Thread.sleep(FIRST_BACKOFF_MILLIS << (attempt - 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while retrying unprocessed deletes", e);
    }
  }
}
