package dev.cachedhttp.spring.boot;

import dev.cachedhttp.CachedClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Adds the {@code cachedhttp} health contributor ({@link CachedhttpHealthIndicator}) when
 * Spring Boot's health support is on the class path; {@code management.health.cachedhttp.enabled=
 * false} turns it off.
 */
@AutoConfiguration(after = CachedhttpAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(CachedClient.class)
@ConditionalOnEnabledHealthIndicator("cachedhttp")
public class CachedhttpHealthAutoConfiguration {

  /** Creates the auto-configuration; Spring calls it. */
  public CachedhttpHealthAutoConfiguration() {}

  /** The health of the cache's backend and circuit breaker. */
  @Bean
  @ConditionalOnMissingBean(name = "cachedhttpHealthIndicator")
  public CachedhttpHealthIndicator cachedhttpHealthIndicator(CachedClient cached) {
    return new CachedhttpHealthIndicator(cached);
  }
}
