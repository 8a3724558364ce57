package dev.cachedhttp.internal;

import dev.cachedhttp.CacheOptions;
import dev.cachedhttp.Expiration;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The answer to a POST stored as the answer to a later GET of the same URI (RFC 9110 sections
 * 8.7 and 9.3.3, RFC 9111 section 4): with {@code cacheControl(true)}, a 200 or 203 answer to a
 * POST with explicit freshness ({@code max-age} or {@code Expires}) and a {@code
 * Content-Location} that is the POST's own target URI is a current representation of that
 * resource, so it is stored under the key of a GET of that URI, made with the POST's header
 * fields (credentials included, so it is keyed for them alone) but those describing the POST's
 * body. It is stored after the POST's invalidation of the URI, and the usual rules decide whether
 * it may be stored ({@code no-store}, status, size, filter). Pure; thread-safe.
 */
final class PostReuse {
  /**
   * The statuses whose content is a representation of the target resource (RFC 9110 sections
   * 8.7 and 15.3): a 201's or a 204's is not the resource's, a 3xx's describes a redirect.
   */
  private static final Set<Integer> REPRESENTATIONS = Set.of(200, 203);

  private PostReuse() {}

  /**
   * Where the answer {@code response} to the POST {@code post} is stored as a GET's, or empty
   * when it is not (not a POST, not {@code cacheControl(true)}, not a 200 or 203, no explicit
   * freshness, another {@code Content-Location}, or a GET of the URI the cache takes no part
   * in).
   *
   * @param ticket the invalidation ticket taken after the POST's own invalidation
   */
  static Optional<ResponseStore.Target> target(Policy policy, Keys keys, Request post,
      Response response, long ticket) {
    if (!"POST".equals(post.method()) || !policy.settings().cacheControl()
        || !REPRESENTATIONS.contains(response.code())
        || !Freshness.hasExplicitLifetime(response.headers(),
            CacheDirectives.of(response.headers()))
        || !post.url().equals(resolved(post.url(), response.header("Content-Location")))) {
      return Optional.empty();
    }
    Request get = post.newBuilder().get()
        .removeHeader("Content-Type")
        .removeHeader("Content-Length")
        .removeHeader("Content-Encoding")
        .build();
    CacheOptions options = CacheOptions.of(get);
    Optional<Expiration> configured = policy.configuredExpiration(get, options);
    if (!policy.usesCache(get, options, configured.orElse(Expiration.NEVER))) {
      return Optional.empty();
    }
    return keys.of(get).map(key -> new ResponseStore.Target(get, key, keys.groupOf(get, key),
        ticket, null, configured));
  }

  private static HttpUrl resolved(HttpUrl base, String reference) {
    return reference == null ? null : base.resolve(reference.trim());
  }
}
