package dev.cachedhttp.spring.boot;

import dev.cachedhttp.CachedClient;
import dev.cachedhttp.micrometer.CachedHttpMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Publishes the {@link CachedClient}'s counters as Micrometer meters ({@link
 * CachedHttpMetrics#monitor}, tagged {@code cache=} {@code cachedhttp.name}) in every {@code
 * MeterRegistry} Spring Boot manages, when {@code cachedhttp-micrometer} is on the class path.
 */
@AutoConfiguration(after = CachedhttpAutoConfiguration.class)
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
}
