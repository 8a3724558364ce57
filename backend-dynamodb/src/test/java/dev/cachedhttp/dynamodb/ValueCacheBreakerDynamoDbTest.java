package dev.cachedhttp.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.CircuitBreakerConfig;
import dev.cachedhttp.CircuitState;
import dev.cachedhttp.ValueCache;
import dev.cachedhttp.testkit.MutableClock;
import dev.cachedhttp.testkit.dynamodb.fault.DynamoDbFaultProxy;
import dev.cachedhttp.testkit.dynamodb.fault.Fault;
import dev.cachedhttp.testkit.dynamodb.fault.FaultPlan;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The value cache over DynamoDB Local behind a fault proxy answering 500: its circuit breaker
 * opens, then no request reaches DynamoDB while every call still answers, and a probe after the
 * cool-down closes it once DynamoDB is healthy again.
 */
class ValueCacheBreakerDynamoDbTest {
  private static final Duration COOL_DOWN = Duration.ofSeconds(30);
  private static final int MINIMUM_CALLS = 4;

  private final MutableClock clock = MutableClock.create();
  private final DynamoDbFaultProxy proxy =
      DynamoDbFaultProxy.start(LocalTables.local().endpoint());

  @AfterEach
  void stop() {
    proxy.close();
  }

  @Test
  void failingDynamoDbOpensTheValueCachesBreakerAndAProbeClosesIt() {
    String table = LocalTables.tableWithoutTtlDeletion("values_breaker");
    try (DynamoDbBackend backend = LocalTables.backend(table, clock)
        .endpointOverride(proxy.endpoint()).build();
        ValueCache cache = ValueCache.builder().backend(backend).clock(clock)
            .circuitBreaker(CircuitBreakerConfig.custom().minimumCalls(MINIMUM_CALLS)
                .slidingWindowSize(MINIMUM_CALLS).coolDown(COOL_DOWN).build())
            .build()) {
      cache.put("k", "stored");
      proxy.plan(FaultPlan.always(Fault.of(Fault.Kind.SERVER_ERROR)));
      for (int i = 0; i < MINIMUM_CALLS; i++) {
        assertThat(cache.get("k", String.class)).isEmpty();
      }
      assertThat(cache.stats().circuitState()).isEqualTo(CircuitState.OPEN);
      long requests = proxy.requests();

      assertThat(cache.getOrCompute("k", String.class, Duration.ofMinutes(1), () -> "computed"))
          .isEqualTo("computed");
      cache.put("other", "dropped");
      assertThat(cache.has("k")).isFalse();
      assertThat(proxy.requests()).isEqualTo(requests);
      assertThat(cache.stats().shortCircuited()).isEqualTo(4);

      proxy.plan(FaultPlan.healthy());
      clock.advance(COOL_DOWN);
      assertThat(cache.get("k", String.class)).contains("stored");
      assertThat(cache.stats().circuitState()).isEqualTo(CircuitState.CLOSED);
      assertThat(proxy.requests()).isGreaterThan(requests);
      assertThat(cache.stats().errors()).isEqualTo(MINIMUM_CALLS);
    }
  }
}
