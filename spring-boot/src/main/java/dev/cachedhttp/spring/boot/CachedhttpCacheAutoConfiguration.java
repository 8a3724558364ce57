package dev.cachedhttp.spring.boot;

import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spring.CachedhttpCacheManager;
import dev.cachedhttp.spring.CachedhttpCacheResolver;
import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.interceptor.CacheResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Makes a {@link CachedhttpCacheManager} over the starter's backend the application's {@link
 * CacheManager} when caching is enabled ({@code @EnableCaching}), no other cache manager is
 * defined, and {@code spring.cache.type} is {@code cachedhttp} or not set. Values may be read back
 * as the classes of the application's own packages (those of {@code @SpringBootApplication}) and
 * of {@code cachedhttp.cache.allowed-packages}. Spring Boot's {@code spring.cache.cache-names}
 * fixes the cache names (they are made at start-up, so Spring Boot binds their meters; other
 * names are then unknown). Unless the application has a {@code CachingConfigurer} of its own,
 * {@code @Cacheable} methods store collections and maps with their declared type ({@link
 * CachedhttpCacheResolver}). Runs before Spring Boot's cache auto-configuration, which then backs
 * off.
 */
@AutoConfiguration(after = CachedhttpAutoConfiguration.class,
    beforeName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnBooleanProperty(name = "cachedhttp.enabled", matchIfMissing = true)
@ConditionalOnBean(type = "org.springframework.cache.interceptor.CacheAspectSupport")
@ConditionalOnMissingBean(CacheManager.class)
@ConditionalOnProperty(name = "spring.cache.type", havingValue = "cachedhttp",
    matchIfMissing = true)
public class CachedhttpCacheAutoConfiguration {

  /** Creates the auto-configuration; Spring calls it. */
  public CachedhttpCacheAutoConfiguration() {}

  /** The cache manager over {@code backend}; closed with the context (the backend is not). */
  @Bean
  public CachedhttpCacheManager cacheManager(CachedhttpProperties properties, Backend backend,
      BeanFactory beans, Environment environment) {
    PropertyValues values = new PropertyValues(environment);
    CachedhttpProperties.Cache cache = properties.cache();
    CachedhttpCacheManager.Builder builder = CachedhttpCacheManager.builder().backend(backend)
        .allowNullValues(cache.allowNullValues());
    values.set("cachedhttp.cache.default-expiration", cache.defaultExpiration(),
        builder::defaultExpiration);
    cache.expirations().forEach((name, expiration) -> values.set(
        "cachedhttp.cache.expirations." + name, expiration, e -> builder.expiration(name, e)));
    List<String> names = Binder.get(environment)
        .bind("spring.cache.cache-names", Bindable.listOf(String.class)).orElse(List.of());
    names.forEach(name -> values.set("spring.cache.cache-names", name, builder::cacheNames));
    if (AutoConfigurationPackages.has(beans)) {
      AutoConfigurationPackages.get(beans).forEach(builder::allowPackage);
    }
    cache.allowedPackages().forEach(name ->
        values.set("cachedhttp.cache.allowed-packages", name, builder::allowPackage));
    return builder.build();
  }

  /**
   * Makes {@code @Cacheable} methods store collections and maps with their declared type ({@link
   * CachedhttpCacheResolver}), unless the application configures caching itself.
   */
  @Bean
  @ConditionalOnMissingBean(CachingConfigurer.class)
  public CachingConfigurer cachedhttpCachingConfigurer(CachedhttpCacheManager cacheManager) {
    CacheResolver resolver = new CachedhttpCacheResolver(cacheManager);
    return new CachingConfigurer() {
      @Override
      public CacheResolver cacheResolver() {
        return resolver;
      }
    };
  }
}
