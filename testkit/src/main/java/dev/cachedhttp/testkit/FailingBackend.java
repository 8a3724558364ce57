package dev.cachedhttp.testkit;

import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.Storage;
import dev.cachedhttp.spi.StorageException;
import dev.cachedhttp.spi.StoredValue;
import dev.cachedhttp.spi.ValueNamespaces;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A backend whose every storage call throws {@link StorageException}, for testing that the cache
 * fails open. Counts the calls it refused. Thread-safe.
 */
public final class FailingBackend implements Backend {
  private final AtomicLong calls = new AtomicLong();
  private final Storage<CachedResponse> responses = new Failing<>();
  private final Storage<String> redirects = new Failing<>();
  private final Storage<StoredValue> values = new Failing<>();

  /** The number of storage calls made (all of which threw). */
  public long calls() {
    return calls.get();
  }

  @Override
  public Storage<CachedResponse> responses() {
    return responses;
  }

  @Override
  public Storage<String> redirects() {
    return redirects;
  }

  /** Every value namespace: each call throws. */
  @Override
  public Storage<StoredValue> values(String namespace) {
    ValueNamespaces.check(namespace);
    return values;
  }

  private final class Failing<V> implements Storage<V> {
    private StorageException fail() {
      calls.incrementAndGet();
      return new StorageException("backend unavailable (FailingBackend)");
    }

    @Override
    public Optional<V> get(String key) {
      throw fail();
    }

    @Override
    public void put(String key, V value, Instant expiresAt) {
      throw fail();
    }

    @Override
    public boolean delete(String key) {
      throw fail();
    }

    @Override
    public Stream<String> keys() {
      throw fail();
    }

    @Override
    public void clear() {
      throw fail();
    }

    @Override
    public long count() {
      throw fail();
    }
  }
}
