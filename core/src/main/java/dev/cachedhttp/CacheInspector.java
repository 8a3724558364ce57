package dev.cachedhttp;

import dev.cachedhttp.internal.Keys;
import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.CachedResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.Request;

/**
 * Looks at and manages what a {@link CachedClient} has stored. Unlike calls through the
 * interceptor, these are administrative operations: a backend failure is thrown to the caller
 * (as the backend's runtime exception, typically {@link dev.cachedhttp.spi.StorageException}).
 * After {@link CachedClient#close()} every method throws {@link IllegalStateException} ({@value
 * #CLOSED}): the backend it would read is closed. Thread-safe.
 */
public final class CacheInspector {
  /** The message of the {@link IllegalStateException} every method throws after close. */
  public static final String CLOSED = "CachedClient is closed";

  private final Backend backend;
  private final Keys keys;
  private final Clock clock;
  private volatile boolean closed;

  CacheInspector(Backend backend, Keys keys, Clock clock) {
    this.backend = backend;
    this.keys = keys;
    this.clock = clock;
  }

  /** Returns every key in the {@code responses} namespace. */
  public List<String> keys() {
    try (Stream<String> stream = backend().responses().keys()) {
      return stream.collect(Collectors.toList());
    }
  }

  /** Returns the (redacted) URL of every stored response, one per entry, sorted. */
  public List<String> urls() {
    List<String> urls = new ArrayList<>();
    for (String key : keys()) {
      backend().responses().get(key).ifPresent(response -> urls.add(response.url()));
    }
    urls.sort(null);
    return urls;
  }

  /** Returns true when a GET of {@code url} (with no headers) has a stored response. */
  public boolean contains(String url) {
    return contains(new Request.Builder().url(url).build());
  }

  /** Returns true when {@code request} has a stored response, directly or via a redirect. */
  public boolean contains(Request request) {
    return keyOf(request).flatMap(backend()::lookup).isPresent();
  }

  /** Returns the key {@code request} is stored under, or empty when it cannot be keyed. */
  public Optional<String> keyOf(Request request) {
    backend();
    return keys.of(Objects.requireNonNull(request, "request"));
  }

  /** Returns the response stored under {@code key}, following a redirect alias. */
  public Optional<CachedResponse> get(String key) {
    return backend().lookup(Objects.requireNonNull(key, "key")).map(Backend.Lookup::response);
  }

  /**
   * Deletes the responses and redirect aliases under {@code keys}; returns how many entries were
   * present and deleted. Each key is deleted on its own, so the count is exact on every backend().
   */
  public int delete(String... keys) {
    int deleted = 0;
    for (String key : new java.util.LinkedHashSet<>(Arrays.asList(keys))) {
      deleted += (backend().responses().delete(key) ? 1 : 0)
          + (backend().redirects().delete(key) ? 1 : 0);
    }
    return deleted;
  }

  /** Deletes the stored responses for GETs of {@code urls}; returns how many were deleted. */
  public int deleteUrls(String... urls) {
    List<String> found = new ArrayList<>();
    for (String url : urls) {
      keyOf(new Request.Builder().url(url).build()).ifPresent(found::add);
    }
    return delete(found.toArray(String[]::new));
  }

  /**
   * Deletes every response that is no longer fresh and every redirect alias whose target is
   * gone; returns how many responses were deleted.
   */
  public int deleteExpired() {
    Instant now = clock.instant();
    List<String> expired = new ArrayList<>();
    for (String key : keys()) {
      Optional<CachedResponse> response = backend().responses().get(key);
      if (response.isEmpty() || response.get().isExpired(now)) {
        expired.add(key);
      }
    }
    int deleted = backend().responses().deleteAll(expired);
    List<String> dangling = new ArrayList<>();
    try (Stream<String> aliases = backend().redirects().keys()) {
      aliases.forEach(alias -> {
        Optional<String> target = backend().redirects().get(alias);
        if (target.isEmpty() || !backend().responses().contains(target.get())) {
          dangling.add(alias);
        }
      });
    }
    backend().redirects().deleteAll(dangling);
    return deleted;
  }

  /** Deletes everything from both namespaces. */
  public void clear() {
    backend().responses().clear();
    backend().redirects().clear();
  }

  /** Returns the number of stored responses (redirect aliases are not counted). */
  public long count() {
    return backend().responses().count();
  }

  /** Makes every later call throw: the cache this inspector reads has been closed. */
  void close() {
    closed = true;
  }

  private Backend backend() {
    if (closed) {
      throw new IllegalStateException(CLOSED);
    }
    return backend;
  }
}
