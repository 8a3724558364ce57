package dev.cachedhttp.spi;

/**
 * Thrown by {@link Storage#put} when an entry is too large for the backend to store: the write is
 * skipped and nothing was changed. Callers count it as a skipped write, not as a backend failure.
 */
public class EntryTooLargeException extends StorageException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message giving the sizes. */
  public EntryTooLargeException(String message) {
    super(message);
  }
}
