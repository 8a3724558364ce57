package dev.cachedhttp.spring.boot;

import dev.cachedhttp.CachedClient;
import dev.cachedhttp.Expiration;
import dev.cachedhttp.memory.MemoryBackend;
import dev.cachedhttp.spi.Backend;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@link CachedClient} of the {@code cachedhttp.*} properties. Not instantiable. */
final class CachedClients {
  private CachedClients() {}

  /**
   * A client over {@code backend} configured by {@code properties}.
   *
   * @throws org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException
   *     naming the property and its value when a value is refused
   */
  static CachedClient create(CachedhttpProperties properties, Backend backend,
      PropertyValues values) {
    CachedClient.Builder builder = CachedClient.builder().backend(backend)
        .cacheControl(properties.cacheControl())
        .cacheStatusHeader(properties.cacheStatusHeader());
    values.set("cachedhttp.expire-after", properties.expireAfter(), builder::expireAfter);
    urlsExpireAfter(builder, properties.urlsExpireAfter(), values);
    values.set("cachedhttp.ignored-parameters", array(properties.ignoredParameters()),
        builder::ignoredParameters);
    values.set("cachedhttp.match-headers", array(properties.matchHeaders()), builder::matchHeaders);
    values.set("cachedhttp.stale-if-error", properties.staleIfError(), builder::staleIfError);
    values.set("cachedhttp.stale-while-revalidate", properties.staleWhileRevalidate(),
        builder::staleWhileRevalidate);
    values.set("cachedhttp.max-body-size", properties.maxBodySize(),
        size -> builder.maxBodyBytes(size.toBytes()));
    keySecret(builder, properties.keySecret(), values);
    fleet(builder, properties.fleet(), values);
    return builder.build();
  }

  private static void urlsExpireAfter(CachedClient.Builder builder,
      Map<String, Duration> patterns, PropertyValues values) {
    Map<String, Expiration> expirations = new LinkedHashMap<>();
    patterns.forEach((pattern, duration) ->
        values.set("cachedhttp.urls-expire-after[" + pattern + "]", duration,
            d -> expirations.put(pattern, Expiration.after(d))));
    values.set("cachedhttp.urls-expire-after", expirations.isEmpty() ? null : expirations.keySet(),
        globs -> builder.urlsExpireAfter(expirations));
  }

  private static void fleet(CachedClient.Builder builder, CachedhttpProperties.Fleet fleet,
      PropertyValues values) {
    if (fleet.coalesce()) {
      builder.coalesceAcrossInstances(true);
    }
    values.set("cachedhttp.fleet.lease", fleet.lease(), builder::coalesceAcrossInstances);
    if (fleet.nearCacheMaxAge() == null && fleet.nearCacheMaxSize() == null) {
      return;
    }
    MemoryBackend.Builder near = MemoryBackend.builder();
    values.set("cachedhttp.fleet.near-cache-max-size", fleet.nearCacheMaxSize(),
        size -> near.maxBytes(size.toBytes()));
    Duration maxAge = fleet.nearCacheMaxAge() != null ? fleet.nearCacheMaxAge()
        : CachedClient.Builder.DEFAULT_NEAR_CACHE_MAX_AGE;
    values.set("cachedhttp.fleet.near-cache-max-age", maxAge,
        age -> builder.nearCache(near.build(), age));
  }

  private static String[] array(List<String> values) {
    return values.isEmpty() ? null : values.toArray(String[]::new);
  }

  /** Sets the key secret; a refusal names the property but never shows the secret. */
  private static void keySecret(CachedClient.Builder builder, String secret,
      PropertyValues values) {
    if (secret == null) {
      return;
    }
    try {
      builder.keySecret(secret);
    } catch (IllegalArgumentException e) {
      throw values.invalidSecret("cachedhttp.key-secret", withoutSecret(e, secret));
    }
  }

  /** The message of {@code refusal} with any occurrence of the secret blanked out. */
  private static String withoutSecret(Throwable refusal, String secret) {
    String message = String.valueOf(refusal.getMessage());
    return secret.isEmpty() ? message : message.replace(secret, "(hidden)");
  }
}
