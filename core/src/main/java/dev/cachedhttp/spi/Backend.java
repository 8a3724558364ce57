package dev.cachedhttp.spi;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A cache store with two namespaces for HTTP: {@link #responses()} holds stored response documents
 * by request key, {@link #redirects()} holds aliases from the key of a redirect hop to the key of
 * the response it led to. A backend may also serve any number of value namespaces ({@link
 * #values(String)}) for {@code ValueCache}.
 *
 * <p>Implementations must be thread-safe. A backend is handed to {@code
 * CachedClient.builder().backend(...)}; {@code CachedClient.close()} closes it.
 *
 * <p><b>Every call must be bounded in time.</b> Reads run on the caller's thread while an HTTP
 * call waits for them, so a backend that talks to a remote store must give each read a deadline
 * (attempt timeout and total timeout across retries) well under the origin round trip the cache
 * saves, and each write a deadline too; a call that hangs holds a user's call or the background
 * writer. On its deadline a call throws (a {@link StorageException}, say); the cache turns that
 * into a miss or a skipped write, and its circuit breaker stops calling a backend whose calls keep
 * failing or are slow.
 */
public interface Backend extends AutoCloseable {

  /** Limit used when a backend does not name one: 8 MiB. */
  long DEFAULT_MAX_BODY_BYTES = 8L << 20;

  /** The {@code responses} namespace: request key to stored response. */
  Storage<CachedResponse> responses();

  /** The {@code redirects} namespace: alias key to the key under which the response is stored. */
  Storage<String> redirects();

  /**
   * The value namespace {@code namespace}: user values by the user's key, for {@code ValueCache}.
   * Each namespace is independent of the others and of {@link #responses()} and {@link
   * #redirects()}: clearing one leaves the rest alone. Calling this twice with one name gives
   * storages over the same entries. Backends reject values too large for them with {@link
   * EntryTooLargeException}.
   *
   * <p>The default throws {@link UnsupportedOperationException}: a backend written before value
   * namespaces existed does not store values until it overrides this (the memory and DynamoDB
   * backends do).
   *
   * @param namespace a name valid by {@link ValueNamespaces#check}
   * @throws IllegalArgumentException when {@code namespace} is not a valid name
   * @throws UnsupportedOperationException when this backend does not store values
   */
  default Storage<StoredValue> values(String namespace) {
    ValueNamespaces.check(namespace);
    throw new UnsupportedOperationException(getClass().getName() + " does not store values "
        + "(Backend.values is not implemented); use a backend that does, such as the memory or "
        + "DynamoDB backend");
  }

  /**
   * Returns the largest body, in bytes, this backend is willing to store; the cache streams larger
   * bodies through without buffering or storing them. Default {@value #DEFAULT_MAX_BODY_BYTES}.
   */
  default long maxBodyBytes() {
    return DEFAULT_MAX_BODY_BYTES;
  }

  /**
   * Finds the response for {@code key}, following an alias in {@link #redirects()} when there is
   * no response stored under the key itself. Backends that can read both namespaces in one round
   * trip should override this.
   */
  default Optional<Lookup> lookup(String key) {
    Optional<CachedResponse> direct = responses().get(key);
    if (direct.isPresent()) {
      return Optional.of(new Lookup(key, direct.get()));
    }
    Optional<String> target = redirects().get(key);
    if (target.isEmpty()) {
      return Optional.empty();
    }
    return responses().get(target.get()).map(response -> new Lookup(target.get(), response));
  }

  /**
   * Returns how many entries (both namespaces) this backend holds, when it can tell without I/O
   * or a walk over its entries; metrics report it as {@code cache.size}. Default: empty.
   */
  default OptionalLong estimatedSize() {
    return OptionalLong.empty();
  }

  /**
   * Returns how many entries this backend has evicted (to stay within its bounds, or on expiry)
   * since it was built, when it counts them; metrics report it as {@code cache.evictions}.
   * Default: empty.
   */
  default OptionalLong evictionCount() {
    return OptionalLong.empty();
  }

  /**
   * True when calls cross a network and cost milliseconds (DynamoDB), false when they stay in
   * memory and cost microseconds. With {@code WriteMode.AUTO} (the default) the cache writes to a
   * remote backend on a background thread and to a local one on the caller's thread. Default
   * false.
   */
  default boolean remote() {
    return false;
  }

  /**
   * The leases of this backend, when it is shared by several instances and can grant them
   * atomically (see {@link Leases}); {@code CachedClient.Builder.coalesceAcrossInstances} uses
   * them. Default: empty, and instances then coalesce only their own calls.
   */
  default Optional<Leases> leases() {
    return Optional.empty();
  }

  /** Releases resources this backend owns. Default: nothing. */
  @Override
  default void close() {}

  /**
   * The result of {@link #lookup}: the response and the key it is stored under (the requested key,
   * or the target of a redirect alias).
   *
   * @param key the key under which {@code response} is stored
   * @param response the stored response
   */
  record Lookup(String key, CachedResponse response) {
    /** Creates a lookup result; both parts are required. */
    public Lookup {
      java.util.Objects.requireNonNull(key, "key");
      java.util.Objects.requireNonNull(response, "response");
    }
  }
}
