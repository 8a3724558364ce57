package dev.cachedhttp;

import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.EntryTooLargeException;
import dev.cachedhttp.spi.Storage;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A backend that refuses to store responses whose body is larger than a limit, throwing what it
 * is given; everything else goes to the delegate. Counts the refusals. Thread-safe.
 */
public final class PutRejecting implements Backend {
  private final Backend delegate;
  private final int maxBody;
  private final Supplier<Throwable> failure;
  private final AtomicInteger rejected = new AtomicInteger();

  private PutRejecting(Backend delegate, int maxBody, Supplier<Throwable> failure) {
    this.delegate = delegate;
    this.maxBody = maxBody;
    this.failure = failure;
  }

  /**
   * Refuses bodies over {@code maxBody} bytes with {@link EntryTooLargeException}, as DynamoDB
   * refuses items past 400 KB.
   */
  public static PutRejecting tooLarge(Backend delegate, int maxBody) {
    return new PutRejecting(delegate, maxBody, () -> new EntryTooLargeException("too large"));
  }

  /** Fails every response write with what {@code failure} gives (an exception or an error). */
  public static PutRejecting failing(Backend delegate, Supplier<Throwable> failure) {
    return new PutRejecting(delegate, -1, failure);
  }

  /** How many writes were refused. */
  public int rejected() {
    return rejected.get();
  }

  @Override
  public Storage<CachedResponse> responses() {
    Storage<CachedResponse> store = delegate.responses();
    return new Storage<>() {
      @Override
      public Optional<CachedResponse> get(String key) {
        return store.get(key);
      }

      @Override
      public void put(String key, CachedResponse value, Instant expiresAt) {
        if (value.body().size() > maxBody) {
          rejected.incrementAndGet();
          Throwable thrown = failure.get();
          if (thrown instanceof Error error) {
            throw error;
          }
          throw (RuntimeException) thrown;
        }
        store.put(key, value, expiresAt);
      }

      @Override
      public boolean delete(String key) {
        return store.delete(key);
      }

      @Override
      public Stream<String> keys() {
        return store.keys();
      }

      @Override
      public void clear() {
        store.clear();
      }

      @Override
      public long count() {
        return store.count();
      }
    };
  }

  @Override
  public Storage<String> redirects() {
    return delegate.redirects();
  }

  @Override
  public boolean remote() {
    return true;
  }
}
