package dev.cachedhttp.dynamodb.internal;

import dev.cachedhttp.spi.EntryTooLargeException;

/**
 * Thrown by a put whose item does not fit DynamoDB's item size limit even compressed: the write
 * is skipped and nothing was sent to DynamoDB.
 */
final class ItemTooLargeException extends EntryTooLargeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message giving the sizes. */
  public ItemTooLargeException(String message) {
    super(message);
  }
}
