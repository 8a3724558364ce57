package dev.cachedhttp.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedhttp.CircuitBreakerConfig;
import dev.cachedhttp.CircuitState;
import dev.cachedhttp.ValueCache;
import dev.cachedhttp.memory.MemoryBackend;
import dev.cachedhttp.spi.StorageException;
import dev.cachedhttp.testkit.MutableClock;
import dev.cachedhttp.testkit.ScriptedBackend;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The value cache's backend calls go through the same guard as the HTTP cache's: a failing
 * backend opens a circuit breaker, after which no call reaches it for the cool-down and every
 * operation still answers (fail open); a probe closes it again once the backend is healthy.
 */
class ValueCacheCircuitBreakerTest {
  private static final Duration COOL_DOWN = Duration.ofSeconds(30);
  private static final int MINIMUM_CALLS = 4;

  private final MutableClock clock = MutableClock.create();
  private final ScriptedBackend backend = new ScriptedBackend(MemoryBackend.create(), clock);
  private final ValueCache cache = ValueCache.builder().backend(backend).clock(clock)
      .circuitBreaker(CircuitBreakerConfig.custom().minimumCalls(MINIMUM_CALLS)
          .slidingWindowSize(MINIMUM_CALLS).coolDown(COOL_DOWN).build())
      .build();

  @AfterEach
  void close() {
    cache.close();
    backend.close();
  }

  /** Makes the backend fail and reads until the breaker opens; returns the calls made by then. */
  private long openTheBreaker() {
    backend.failing(true);
    for (int i = 0; i < MINIMUM_CALLS; i++) {
      assertThat(cache.get("k", String.class)).isEmpty();
    }
    assertThat(cache.stats().circuitState()).isEqualTo(CircuitState.OPEN);
    return backend.calls();
  }

  @Test
  void repeatedBackendFailuresOpenTheBreakerAndThenNoCallReachesTheBackend() {
    cache.put("k", "stored");
    long calls = openTheBreaker();

    assertThat(cache.get("k", String.class)).isEmpty();
    assertThat(cache.has("k")).isFalse();
    cache.put("other", "dropped");
    assertThat(cache.getOrCompute("k", String.class, Duration.ofMinutes(1), () -> "computed"))
        .isEqualTo("computed");
    assertThat(cache.async().get("k", String.class).join()).isEmpty();

    assertThat(backend.calls()).isEqualTo(calls);
    assertThat(cache.stats().circuitOpened()).isEqualTo(1);
    assertThat(cache.stats().shortCircuited()).isEqualTo(6);
    assertThat(cache.stats().errors()).isEqualTo(MINIMUM_CALLS);
    assertThat(cache.stats().computes()).isEqualTo(1);
    assertThat(cache.stats().writes()).isEqualTo(1);
  }

  @Test
  void deleteAndClearThrowWhileTheBreakerIsOpenWithoutCallingTheBackend() {
    long calls = openTheBreaker();

    assertThatThrownBy(() -> cache.delete("k")).isInstanceOf(StorageException.class)
        .hasMessageContaining("circuit breaker is open");
    assertThatThrownBy(cache::clear).isInstanceOf(StorageException.class)
        .hasMessageContaining("circuit breaker is open");
    assertThat(backend.calls()).isEqualTo(calls);
  }

  @Test
  void afterTheCoolDownASuccessfulProbeClosesTheBreakerAndValuesAreReadAgain() {
    cache.put("k", "stored");
    long calls = openTheBreaker();
    backend.failing(false);
    assertThat(cache.get("k", String.class)).isEmpty();
    assertThat(backend.calls()).isEqualTo(calls);

    clock.advance(COOL_DOWN);

    assertThat(cache.get("k", String.class)).contains("stored");
    assertThat(cache.stats().circuitState()).isEqualTo(CircuitState.CLOSED);
    cache.put("k", "replaced");
    assertThat(cache.get("k", String.class)).contains("replaced");
    assertThat(backend.calls()).isEqualTo(calls + 3);
  }

  @Test
  void aProbeThatFailsOpensTheBreakerForAnotherCoolDown() {
    long calls = openTheBreaker();
    clock.advance(COOL_DOWN);

    assertThat(cache.get("k", String.class)).isEmpty();
    assertThat(cache.has("k")).isFalse();

    assertThat(backend.calls()).isEqualTo(calls + 1);
    assertThat(cache.stats().circuitOpened()).isEqualTo(2);
  }

  @Test
  void aDisabledBreakerLetsEveryCallReachTheFailingBackend() {
    try (ValueCache unguarded = ValueCache.builder().backend(backend).clock(clock)
        .circuitBreaker(CircuitBreakerConfig.disabled()).build()) {
      backend.failing(true);
      for (int i = 0; i < 3 * MINIMUM_CALLS; i++) {
        assertThat(unguarded.get("k", String.class)).isEmpty();
      }

      assertThat(backend.calls()).isEqualTo(3 * MINIMUM_CALLS);
      assertThat(unguarded.stats().circuitState()).isEqualTo(CircuitState.DISABLED);
      assertThat(unguarded.stats().shortCircuited()).isZero();
    }
  }
}
