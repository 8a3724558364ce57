package dev.cachedhttp.spi;

import java.time.Clock;

/**
 * Supplies the backend a {@code CachedClient} uses when none is set, found with {@link
 * java.util.ServiceLoader}. {@code cachedhttp-backend-memory} registers one; the provider with the
 * lowest {@link #priority()} wins.
 */
public interface BackendProvider {

  /** Creates a new default backend whose expiry checks read {@code clock}. */
  Backend createDefault(Clock clock);

  /** Lower wins when several providers are on the class path. Default 100. */
  default int priority() {
    return 100;
  }
}
