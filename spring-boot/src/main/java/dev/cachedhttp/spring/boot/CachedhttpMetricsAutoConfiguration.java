package dev.cachedhttp.spring.boot;

import dev.cachedhttp.CachedClient;
import dev.cachedhttp.micrometer.CachedHttpMetrics;
import dev.cachedhttp.micrometer.ValueCacheMetrics;
import dev.cachedhttp.spring.CachedhttpCache;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Publishes the {@link CachedClient}'s counters as Micrometer meters ({@link
 * CachedHttpMetrics#monitor}, tagged {@code cache=} {@code cachedhttp.name}) in every {@code
 * MeterRegistry} Spring Boot manages, when {@code cachedhttp-micrometer} is on the class path;
 * and tells Spring Boot's cache metrics how to bind the caches of a {@code
 * CachedhttpCacheManager} ({@link ValueCacheMetrics}: {@code cache.gets}, {@code cache.puts}...
 * tagged with the cache's name) that exist at start-up.
 */
@AutoConfiguration(after = CachedhttpAutoConfiguration.class,
    beforeName = "org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration")
@ConditionalOnClass({MeterBinder.class, CachedHttpMetrics.class})
@ConditionalOnBooleanProperty(name = "cachedhttp.enabled", matchIfMissing = true)
@ConditionalOnBean(CachedClient.class)
public class CachedhttpMetricsAutoConfiguration {

  /** Creates the auto-configuration; Spring calls it. */
  public CachedhttpMetricsAutoConfiguration() {}

  /** Binds the meters of {@code cached} to each registry Spring Boot configures. */
  @Bean
  public MeterBinder cachedhttpMeterBinder(CachedClient cached,
      CachedhttpProperties properties) {
    return registry -> CachedHttpMetrics.monitor(registry, cached, properties.name());
  }

  /** Spring Boot's cache metrics, present when spring-boot-cache is. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.cache.metrics.CacheMeterBinderProvider")
  public static class CacheMetersConfiguration {

    /** Creates the configuration; Spring calls it. */
    public CacheMetersConfiguration() {}

    /** How Spring Boot binds the meters of one cache of a {@code CachedhttpCacheManager}. */
    @Bean
    public CacheMeterBinderProvider<CachedhttpCache> cachedhttpCacheMeterBinderProvider() {
      return (cache, tags) -> new ValueCacheMetrics(cache.getNativeCache(), cache.getName(),
          tags);
    }
  }
}
