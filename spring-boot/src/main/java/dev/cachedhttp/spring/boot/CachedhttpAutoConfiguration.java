package dev.cachedhttp.spring.boot;

import dev.cachedhttp.CachedClient;
import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spring.CachedhttpClientHttpRequestFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configures cachedhttp from the {@code cachedhttp.*} properties ({@link
 * CachedhttpProperties}): the {@link Backend}, the {@link CachedClient} over it, a {@link
 * CachedhttpClientHttpRequestFactory} with the connect and read timeouts of Spring Boot's {@code
 * spring.http.clients.*} settings (it is then the application's {@code ClientHttpRequestFactory}:
 * Spring Boot's own backs off), and customizers that put that factory under Spring Boot's {@code
 * RestClient.Builder} and {@code RestTemplateBuilder} (unless {@code cachedhttp.rest-clients=
 * false}). Each bean backs off when the application defines its own of that type. {@code
 * cachedhttp.enabled=false} turns the whole starter off.
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration",
    beforeName = {
        "org.springframework.boot.http.client.autoconfigure.imperative."
            + "ImperativeHttpClientAutoConfiguration",
        "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
        "org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration"})
@ConditionalOnBooleanProperty(name = "cachedhttp.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CachedhttpProperties.class)
public class CachedhttpAutoConfiguration {

  /** Creates the auto-configuration; Spring calls it. */
  public CachedhttpAutoConfiguration() {}

  /**
   * The backend {@code cachedhttp.backend} names; closed by the {@link CachedClient} that uses it
   * (closing a backend twice is harmless).
   */
  @Bean
  @ConditionalOnMissingBean
  public Backend cachedhttpBackend(CachedhttpProperties properties, BeanFactory beans,
      Environment environment) {
    return Backends.create(properties, beans, new PropertyValues(environment));
  }

  /** The HTTP response cache over the backend; closed with the context. */
  @Bean
  @ConditionalOnMissingBean
  public CachedClient cachedhttpClient(CachedhttpProperties properties, Backend backend,
      Environment environment) {
    return CachedClients.create(properties, backend, new PropertyValues(environment));
  }

  /** The request factory, with Spring Boot's HTTP client settings when they are present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"org.springframework.web.client.RestClient",
      "org.springframework.boot.http.client.HttpClientSettings"})
  public static class RequestFactoryConfiguration {

    /** Creates the configuration; Spring calls it. */
    public RequestFactoryConfiguration() {}

    /**
     * The request factory RestClient and RestTemplate calls go through the cache with; the
     * connect and read timeouts of {@code spring.http.clients.*} apply when set.
     */
    @Bean
    @ConditionalOnMissingBean
    public CachedhttpClientHttpRequestFactory cachedhttpRequestFactory(CachedClient cached,
        ObjectProvider<HttpClientSettings> settings) {
      CachedhttpClientHttpRequestFactory factory = new CachedhttpClientHttpRequestFactory(cached);
      settings.ifAvailable(bootSettings -> {
        if (bootSettings.connectTimeout() != null) {
          factory.setConnectTimeout(bootSettings.connectTimeout());
        }
        if (bootSettings.readTimeout() != null) {
          factory.setReadTimeout(bootSettings.readTimeout());
        }
      });
      return factory;
    }
  }

  /** The customizers of Spring Boot's RestClient.Builder and RestTemplateBuilder. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(RestClientCustomizer.class)
  @ConditionalOnBooleanProperty(name = "cachedhttp.rest-clients", matchIfMissing = true)
  public static class RestClientsConfiguration {

    /** Creates the configuration; Spring calls it. */
    public RestClientsConfiguration() {}

    /** Makes every {@code RestClient.Builder} Spring Boot hands out use the cache. */
    @Bean
    public RestClientCustomizer cachedhttpRestClientCustomizer(
        CachedhttpClientHttpRequestFactory factory) {
      return builder -> builder.requestFactory(factory);
    }

    /** Makes every {@code RestTemplate} built by Spring Boot's builder use the cache. */
    @Bean
    public RestTemplateCustomizer cachedhttpRestTemplateCustomizer(
        CachedhttpClientHttpRequestFactory factory) {
      return template -> template.setRequestFactory(factory);
    }
  }
}
