package dev.cachedhttp.spring.boot;

import static dev.cachedhttp.spring.boot.PropertyValues.invalid;
import static dev.cachedhttp.spring.boot.PropertyValues.set;

import dev.cachedhttp.CachedClient;
import dev.cachedhttp.Expiration;
import dev.cachedhttp.spi.Backend;
import java.lang.reflect.InvocationTargetException;
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
  static CachedClient create(CachedhttpProperties properties, Backend backend) {
    CachedClient.Builder builder = CachedClient.builder().backend(backend)
        .cacheControl(properties.cacheControl())
        .cacheStatusHeader(properties.cacheStatusHeader());
    set("cachedhttp.expire-after", properties.expireAfter(), builder::expireAfter);
    urlsExpireAfter(builder, properties.urlsExpireAfter());
    set("cachedhttp.ignored-parameters", array(properties.ignoredParameters()),
        builder::ignoredParameters);
    set("cachedhttp.match-headers", array(properties.matchHeaders()), builder::matchHeaders);
    set("cachedhttp.stale-if-error", properties.staleIfError(), builder::staleIfError);
    set("cachedhttp.stale-while-revalidate", properties.staleWhileRevalidate(),
        builder::staleWhileRevalidate);
    set("cachedhttp.max-body-size", properties.maxBodySize(),
        size -> builder.maxBodyBytes(size.toBytes()));
    keySecret(builder, properties.keySecret());
    return builder.build();
  }

  private static void urlsExpireAfter(CachedClient.Builder builder,
      Map<String, Duration> patterns) {
    Map<String, Expiration> expirations = new LinkedHashMap<>();
    patterns.forEach((pattern, duration) ->
        set("cachedhttp.urls-expire-after[" + pattern + "]", duration,
            d -> expirations.put(pattern, Expiration.after(d))));
    set("cachedhttp.urls-expire-after", expirations.isEmpty() ? null : expirations.keySet(),
        globs -> builder.urlsExpireAfter(expirations));
  }

  private static String[] array(List<String> values) {
    return values.isEmpty() ? null : values.toArray(String[]::new);
  }

  /** Sets the key secret through {@code CachedClient.Builder.keySecret(String)}. */
  private static void keySecret(CachedClient.Builder builder, String secret) {
    if (secret == null) {
      return;
    }
    try {
      CachedClient.Builder.class.getMethod("keySecret", String.class).invoke(builder, secret);
    } catch (InvocationTargetException e) {
      throw invalid("cachedhttp.key-secret", "(hidden)", e.getCause().getMessage());
    } catch (ReflectiveOperationException e) {
      throw invalid("cachedhttp.key-secret", "(hidden)", "this cachedhttp-core has no "
          + "CachedClient.Builder.keySecret");
    }
  }
}
