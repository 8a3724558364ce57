package dev.cachedhttp.spring.boot.app;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The test application: caching on, its package the auto-configuration package. */
@Configuration(proxyBeanMethods = false)
@EnableCaching
@AutoConfigurationPackage
public class TestApplication {
  /** The cached service. */
  @Bean
  public TeamService teamService() {
    return new TeamService();
  }
}
