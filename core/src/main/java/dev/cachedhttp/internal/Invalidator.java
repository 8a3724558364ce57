package dev.cachedhttp.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Invalidation after unsafe requests (RFC 9111 section 4.4): a 2xx or 3xx answer to a method
 * that is not safe deletes what is stored for GET and HEAD of the target URI and of the {@code
 * Location} and {@code Content-Location} URIs of the same origin. The keys are built from the
 * unsafe request's own headers, so entries keyed by other {@code matchHeaders} values survive;
 * every {@code Vary} variant of a deleted entry becomes unreachable (see {@link StoredEntries}).
 * Backend failures are counted and swallowed. Thread-safe.
 */
final class Invalidator {
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
  private static final List<String> READ_METHODS = List.of("GET", "HEAD");

  private final Keys keys;
  private final GuardedBackend storage;
  private final StatsRecorder stats;

  Invalidator(Keys keys, GuardedBackend storage, StatsRecorder stats) {
    this.keys = keys;
    this.storage = storage;
    this.stats = stats;
  }

  /** True for methods that are not safe (RFC 9110 section 9.2.1). */
  static boolean unsafe(String method) {
    return !SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT));
  }

  /** Invalidates the entries {@code response} to the unsafe {@code request} makes stale. */
  void after(Request request, Response response) {
    if (!unsafe(request.method()) || response.code() < 200 || response.code() >= 400) {
      return;
    }
    Set<HttpUrl> targets = new LinkedHashSet<>();
    targets.add(request.url());
    sameOrigin(request.url(), response.header("Location")).ifPresent(targets::add);
    sameOrigin(request.url(), response.header("Content-Location")).ifPresent(targets::add);
    for (HttpUrl url : targets) {
      for (String method : READ_METHODS) {
        Request read = request.newBuilder().url(url).method(method, null).build();
        keys.of(read).ifPresent(this::delete);
      }
    }
    stats.invalidation();
  }

  private void delete(String key) {
    storage.lookup(key).ifPresent(found -> storage.delete(found.key()));
  }

  private static Optional<HttpUrl> sameOrigin(HttpUrl base, String reference) {
    if (reference == null) {
      return Optional.empty();
    }
    HttpUrl resolved = base.resolve(reference.trim());
    boolean same = resolved != null && resolved.scheme().equals(base.scheme())
        && resolved.host().equals(base.host()) && resolved.port() == base.port();
    return same ? Optional.of(Objects.requireNonNull(resolved)) : Optional.empty();
  }
}
