package dev.cachedhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedhttp.internal.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CachedClientBuilderTest {

  @Test
  void negativeDurationsAreRejectedNamingTheValue() {
    assertThatThrownBy(() -> CachedClient.builder().expireAfter(Duration.ofSeconds(-5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-5S");
    assertThatThrownBy(() -> CachedClient.builder().revalidationWindow(Duration.ofMinutes(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1M");
    assertThatThrownBy(() -> Expiration.after(Duration.ofMillis(-1)))
        .hasMessageContaining("PT-0.001S");
  }

  @Test
  void emptyOrInvalidMethodListsAreRejected() {
    assertThatThrownBy(() -> CachedClient.builder().allowableMethods())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
    assertThatThrownBy(() -> CachedClient.builder().allowableMethods("GET", "BAD METHOD"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'BAD METHOD'");
  }

  @Test
  void unknownStatusCodesAreRejectedNamingTheCode() {
    assertThatThrownBy(() -> CachedClient.builder().allowableCodes(200, 999))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("999");
    assertThatThrownBy(() -> CachedClient.builder().allowableCodes(42))
        .hasMessageContaining("42");
    assertThatThrownBy(() -> CachedClient.builder().allowableCodes())
        .hasMessageContaining("at least one");
  }

  @Test
  void malformedGlobsAreRejectedNamingThePattern() {
    Map<String, Expiration> patterns = new LinkedHashMap<>();
    patterns.put("api.example.com/ok/*", Expiration.NEVER);
    patterns.put("https://api.example.com/[x]", Expiration.NEVER);
    assertThatThrownBy(() -> CachedClient.builder().urlsExpireAfter(patterns))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'https://api.example.com/[x]'");
  }

  @Test
  void unorderedPatternMapsAreRejectedBecauseFirstMatchWouldBeUndefined() {
    Map<String, Expiration> unordered = new HashMap<>();
    unordered.put("a.example.com", Expiration.NEVER);
    unordered.put("b.example.com", Expiration.NEVER);
    assertThatThrownBy(() -> CachedClient.builder().urlsExpireAfter(unordered))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HashMap");
  }

  @Test
  void blankParameterAndHeaderNamesAreRejected() {
    assertThatThrownBy(() -> CachedClient.builder().ignoredParameters("api_key", " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("' '");
    assertThatThrownBy(() -> CachedClient.builder().matchHeaders("Accept", "Bad Header"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Bad Header'");
    assertThatThrownBy(() -> CachedClient.builder().maxBodyBytes(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
  }

  @Test
  void nullArgumentsAreRejectedWithTheirName() {
    assertThatThrownBy(() -> CachedClient.builder().backend(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("backend");
    assertThatThrownBy(() -> CachedClient.builder().clock(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("clock");
  }

  @Test
  void buildWithoutBackendOrProviderExplainsWhatToDo() {
    assertThatThrownBy(() -> CachedClient.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cachedhttp-backend-memory");
  }

  @Test
  void expirationsComputeTheirEnd() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(Expiration.after(Duration.ofMinutes(5)).expiresAt(t))
        .contains(t.plus(Duration.ofMinutes(5)));
    assertThat(Expiration.at(t.plusSeconds(9)).expiresAt(t)).contains(t.plusSeconds(9));
    assertThat(Expiration.NEVER.expiresAt(t)).isEmpty();
    assertThat(Expiration.IMMEDIATELY.expiresAt(t)).contains(t);
    assertThat(Expiration.after(Duration.ZERO)).isEqualTo(Expiration.IMMEDIATELY);
    assertThat(Expiration.after(Duration.ofSeconds(Long.MAX_VALUE)).expiresAt(t))
        .contains(Instant.MAX);
    assertThat(Expiration.DO_NOT_CACHE.isCacheable()).isFalse();
  }

  @Test
  void contradictoryPerRequestOptionsAreRejected() {
    assertThatThrownBy(() -> CacheOptions.builder().onlyIfCached().forceRefresh().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("forceRefresh");
  }

  @Test
  void badCircuitBreakerAndWriterSettingsAreRejectedNamingTheValue() {
    assertThatThrownBy(() -> CircuitBreakerConfig.custom().failureRatePercent(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failureRatePercent")
        .hasMessageContaining("was 0");
    assertThatThrownBy(() -> CircuitBreakerConfig.custom().slidingWindowSize(1001))
        .hasMessageContaining("slidingWindowSize").hasMessageContaining("1001");
    assertThatThrownBy(() -> CircuitBreakerConfig.custom().coolDown(Duration.ZERO))
        .hasMessageContaining("coolDown").hasMessageContaining("PT0S");
    assertThatThrownBy(() -> CircuitBreakerConfig.custom()
        .slowCallThreshold(Duration.ofMillis(-1)))
        .hasMessageContaining("slowCallThreshold").hasMessageContaining("PT-0.001S");
    assertThatThrownBy(() -> CircuitBreakerConfig.custom().probes(0))
        .hasMessageContaining("probes").hasMessageContaining("was 0");
    assertThatThrownBy(() -> CircuitBreakerConfig.custom().slidingWindowSize(5).minimumCalls(6)
        .build())
        .hasMessageContaining("minimumCalls (6)").hasMessageContaining("slidingWindowSize (5)");
    assertThatThrownBy(() -> CachedClient.builder().writeQueueCapacity(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 0");
  }

  @Test
  void circuitBreakerDefaultsAreTheNamedConstants() {
    CircuitBreakerConfig defaults = CircuitBreakerConfig.ofDefaults();
    assertThat(defaults.enabled()).isTrue();
    assertThat(defaults.failureRatePercent())
        .isEqualTo(CircuitBreakerConfig.DEFAULT_FAILURE_RATE_PERCENT);
    assertThat(defaults.slowCallThreshold())
        .isEqualTo(CircuitBreakerConfig.DEFAULT_SLOW_CALL_THRESHOLD);
    assertThat(defaults.coolDown()).isEqualTo(CircuitBreakerConfig.DEFAULT_COOL_DOWN);
    assertThat(CircuitBreakerConfig.disabled().enabled()).isFalse();
  }

  @Test
  void settingsLeftAloneAreTheBuildersNamedDefaults() {
    Settings settings = BuilderSettings.of(CachedClient.builder());
    assertThat(settings.expiration()).isEmpty();
    assertThat(settings.allowableCodes()).isEmpty();
    assertThat(settings.allowableMethods()).containsExactlyInAnyOrder("GET", "HEAD");
    assertThat(settings.maxBodyBytes()).isEqualTo(CachedClient.Builder.DEFAULT_MAX_BODY_BYTES);
    assertThat(settings.revalidationWindow())
        .isEqualTo(CachedClient.Builder.DEFAULT_REVALIDATION_WINDOW);
    assertThat(settings.backgroundThreads())
        .isEqualTo(CachedClient.Builder.DEFAULT_BACKGROUND_THREADS);
    assertThat(settings.writeQueueCapacity())
        .isEqualTo(CachedClient.Builder.DEFAULT_WRITE_QUEUE_CAPACITY);
    assertThat(settings.writeQueueBytes())
        .isEqualTo(CachedClient.Builder.DEFAULT_WRITE_QUEUE_BYTES);
    assertThat(settings.writeConcurrency())
        .isEqualTo(CachedClient.Builder.DEFAULT_WRITE_CONCURRENCY);
    assertThat(settings.circuitBreaker()).hasToString(CircuitBreakerConfig.ofDefaults().toString());
    assertThat(settings.writeMode()).isEqualTo(WriteMode.AUTO);
    assertThat(settings.coalescing()).isTrue();
    assertThat(settings.fleetLease()).isNull();
    assertThat(settings.nearCache()).isNull();
  }

  @Test
  void theSettingsAreASnapshotLaterBuilderCallsDoNotChange() {
    CachedClient.Builder builder = CachedClient.builder().matchHeaders("Accept")
        .listener(new CacheListener() {});
    Settings settings = BuilderSettings.of(builder);
    builder.matchHeaders("X-Other").listener(new CacheListener() {}).coalesceAcrossInstances(true);
    assertThat(settings.matchHeaders()).containsExactly("Accept");
    assertThat(settings.listeners()).hasSize(1);
    assertThat(settings.fleetLease()).isNull();
    assertThat(BuilderSettings.of(builder).fleetLease())
        .isEqualTo(CachedClient.Builder.DEFAULT_FLEET_LEASE);
  }
}
