package dev.cachedhttp.spring.boot;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import java.util.stream.Stream;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;

/** The application context runners the starter's tests share. */
final class StarterContexts {
  private StarterContexts() {}

  /**
   * A runner with the starter and the Spring Boot auto-configurations it works with: HTTP
   * clients, RestClient, RestTemplate, caching and metrics.
   */
  static ApplicationContextRunner runner() {
    return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
        CachedhttpAutoConfiguration.class,
        CachedhttpCacheAutoConfiguration.class,
        CachedhttpMetricsAutoConfiguration.class,
        CachedhttpHealthAutoConfiguration.class))
        .withConfiguration(AutoConfigurations.of(classes(
            "org.springframework.boot.http.converter.autoconfigure."
                + "HttpMessageConvertersAutoConfiguration",
            "org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration",
            "org.springframework.boot.http.client.autoconfigure.imperative."
                + "ImperativeHttpClientAutoConfiguration",
            "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
            "org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration",
            "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration",
            "org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure."
                + "CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple."
                + "SimpleMetricsExportAutoConfiguration")));
  }

  private static Class<?>[] classes(String... names) {
    return Stream.of(names).map(name -> ClassUtils.resolveClassName(name, null))
        .toArray(Class<?>[]::new);
  }
}
