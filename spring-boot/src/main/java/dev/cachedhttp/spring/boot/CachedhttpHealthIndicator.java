package dev.cachedhttp.spring.boot;

import dev.cachedhttp.CacheStats;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.CircuitState;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The health of a {@link CachedClient}'s backend: DOWN when a read of a probe key fails (the
 * backend is unreachable, slow past its own read timeout, or refuses the credentials) or when
 * the circuit breaker is open; UP otherwise. Details: the backend's class, the breaker's state,
 * how often it opened, and the backend errors counted so far. The cache fails open, so DOWN means
 * calls go to the origins uncached, not that they fail. One backend read per check; thread-safe.
 */
public final class CachedhttpHealthIndicator extends AbstractHealthIndicator {
  /** The key the probe reads; nothing is ever stored under it. */
  public static final String PROBE_KEY = "cachedhttp-health-probe";

  private final CachedClient cached;

  /**
   * An indicator of {@code cached}'s health.
   *
   * @throws NullPointerException when {@code cached} is null
   */
  public CachedhttpHealthIndicator(CachedClient cached) {
    super("cachedhttp health check failed");
    this.cached = Objects.requireNonNull(cached, "cached");
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    CacheStats stats = cached.stats();
    builder.withDetail("backend", cached.backend().getClass().getSimpleName())
        .withDetail("circuitState", stats.circuitState().name())
        .withDetail("circuitOpened", stats.circuitOpened())
        .withDetail("backendErrors", stats.backendErrors());
    cached.backend().responses().get(PROBE_KEY);
    if (stats.circuitState() == CircuitState.OPEN) {
      builder.down().withDetail("reason", "the circuit breaker is open: calls bypass the cache "
          + "until its cool-down ends");
    } else {
      builder.up();
    }
  }
}
