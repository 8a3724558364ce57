package dev.cachedhttp.spring;

import dev.cachedhttp.dynamodb.DynamoDbBackend;
import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.testkit.MutableClock;
import dev.cachedhttp.testkit.dynamodb.DynamoDbLocal;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Spring caching over a table in the JVM-wide DynamoDB Local. TTL is off: the fake clock starts
 * in the past, and DynamoDB Local's TTL deletion would remove items at moments tests cannot
 * control.
 */
class DynamoDbSpringCachingTest extends SpringCachingContract {
  private static final AtomicInteger TABLES = new AtomicInteger();

  @Override
  protected Backend createBackend(MutableClock clock) {
    DynamoDbLocal local = DynamoDbLocal.shared();
    return DynamoDbBackend.builder()
        .endpointOverride(local.endpoint())
        .region(local.region())
        .credentialsProvider(local.credentials())
        .tableName("spring_" + TABLES.incrementAndGet())
        .ttl(false)
        .clock(clock)
        .build();
  }
}
