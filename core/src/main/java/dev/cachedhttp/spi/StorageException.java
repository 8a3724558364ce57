package dev.cachedhttp.spi;

/** Thrown by a {@link Storage} when the underlying store fails or holds something unreadable. */
public class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message. */
  public StorageException(String message) {
    super(message);
  }

  /** Creates an exception with a message and the failure that caused it. */
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
