package dev.cachedhttp;

import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.EntryTooLargeException;
import dev.cachedhttp.spi.Storage;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A backend that refuses responses whose body is larger than a limit with {@link
 * EntryTooLargeException}, as DynamoDB refuses items past 400 KB; everything else goes to the
 * delegate. Counts the refusals. Thread-safe.
 */
final class OversizeRejecting implements Backend {
  private final Backend delegate;
  private final int maxBody;
  private final AtomicInteger rejected = new AtomicInteger();

  OversizeRejecting(Backend delegate, int maxBody) {
    this.delegate = delegate;
    this.maxBody = maxBody;
  }

  int rejected() {
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
          throw new EntryTooLargeException("body of " + value.body().size() + " bytes");
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
