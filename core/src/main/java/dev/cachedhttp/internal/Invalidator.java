package dev.cachedhttp.internal;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invalidation after unsafe requests (RFC 9111 section 4.4): a 2xx or 3xx answer to a method
 * that is not safe deletes every stored response of the target URI and of the {@code Location}
 * and {@code Content-Location} URIs of the same origin: all methods, all credentials, all {@code
 * Vary} variants, and the redirect aliases of those URIs. An unsafe method the user made
 * cacheable ({@code allowableMethods("POST")}: a query sent as POST) deletes only the GET and HEAD
 * entries, so answers of that method stay, its own included. Deletion is unconditional (no read
 * first) and made before the unsafe call returns; an invalidation the backend cannot make is
 * kept and retried (see {@link Invalidations}), and until it is made this process treats the URL
 * as absent. Thread-safe.
 */
final class Invalidator {
  private static final Logger LOG = LoggerFactory.getLogger(Invalidator.class);
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private final Keys keys;
  private final StoredEntries entries;
  private final Invalidations invalidations;
  private final StatsRecorder stats;
  private final WarningLimiter warnings;

  Invalidator(Keys keys, StoredEntries entries, Invalidations invalidations,
      StatsRecorder stats, WarningLimiter warnings) {
    this.keys = keys;
    this.entries = entries;
    this.invalidations = invalidations;
    this.stats = stats;
    this.warnings = warnings;
  }

  /** True for methods that are not safe (RFC 9110 section 9.2.1). */
  static boolean unsafe(String method) {
    return !SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT));
  }

  /**
   * Invalidates what {@code response} to the unsafe {@code request} makes stale; with {@code
   * readsOnly} (its method is cacheable) only GET and HEAD entries.
   */
  void after(Request request, Response response, boolean readsOnly) {
    if (!unsafe(request.method()) || response.code() < 200 || response.code() >= 400) {
      return;
    }
    Set<HttpUrl> targets = new LinkedHashSet<>();
    targets.add(request.url());
    sameOrigin(request.url(), response.header("Location")).ifPresent(targets::add);
    sameOrigin(request.url(), response.header("Content-Location")).ifPresent(targets::add);
    for (HttpUrl url : targets) {
      String group = keys.group(url);
      invalidations.invalidated(group);
      make(new Invalidations.Pending(group, keys.invalidationPrefixes(url, request, readsOnly)));
    }
    stats.invalidated(request, targets);
  }

  /** Retries the invalidations the backend could not make, when a retry is due. */
  void retryDue() {
    if (!invalidations.anyPending()) {
      return;
    }
    for (Invalidations.Pending pending : invalidations.due()) {
      make(pending);
    }
  }

  private void make(Invalidations.Pending invalidation) {
    if (invalidation.prefixes().isEmpty() || entries.deletePrefixes(invalidation.prefixes())) {
      invalidations.made(invalidation.group());
      return;
    }
    if (!invalidations.failed(invalidation) && warnings.due("invalidation backlog")) {
      LOG.error("cache invalidation backlog is full ({} URLs): an invalidation is lost for the "
          + "backend, so other instances may serve its URL until the entry expires; this "
          + "process reads nothing from the cache until the backlog is made",
          Invalidations.MAX_PENDING);
    }
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
