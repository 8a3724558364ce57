package dev.cachedhttp.examples;

import dev.cachedhttp.dynamodb.DynamoDbBackend;
import dev.cachedhttp.spring.CachedhttpCacheManager;
import java.time.Duration;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Spring configuration of the value-cache example: caching in the DynamoDB table. */
// snippet: spring-config
@Configuration
@EnableCaching
class CachingConfig {
  @Bean
  CachedhttpCacheManager cacheManager(DynamoDbBackend dynamo) {
    return CachedhttpCacheManager.builder()
        .backend(dynamo)                               // the table the HTTP cache uses
        .defaultExpiration(Duration.ofMinutes(10))
        .expiration("reports", Duration.ofSeconds(30))
        .allowPackage("dev.cachedhttp.examples")       // types untyped reads may return
        .build();
  }

  @Bean
  ReportService reportService() {
    return new ReportService();
  }
}
// end snippet
