package dev.cachedhttp.testkit;

import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.Leases;
import dev.cachedhttp.spi.Storage;
import dev.cachedhttp.spi.StoredValue;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A backend that hands every call to another one: tests extend it and override only what they
 * change (count leases, fail them, outlive a close). Thread-safe when the delegate is.
 */
public abstract class ForwardingBackend implements Backend {
  private final Backend delegate;

  /** Forwards to {@code delegate}. */
  protected ForwardingBackend(Backend delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The backend every call goes to. */
  protected Backend delegate() {
    return delegate;
  }

  @Override
  public Storage<CachedResponse> responses() {
    return delegate.responses();
  }

  @Override
  public Storage<String> redirects() {
    return delegate.redirects();
  }

  @Override
  public Storage<StoredValue> values(String namespace) {
    return delegate.values(namespace);
  }

  @Override
  public long maxBodyBytes() {
    return delegate.maxBodyBytes();
  }

  @Override
  public Optional<Lookup> lookup(String key) {
    return delegate.lookup(key);
  }

  @Override
  public OptionalLong estimatedSize() {
    return delegate.estimatedSize();
  }

  @Override
  public OptionalLong evictionCount() {
    return delegate.evictionCount();
  }

  @Override
  public boolean remote() {
    return delegate.remote();
  }

  @Override
  public Optional<Leases> leases() {
    return delegate.leases();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
