package dev.cachedhttp.internal;

import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.BackendProvider;
import java.time.Clock;
import java.util.Comparator;
import java.util.ServiceLoader;

/**
 * Finds the backend used when none is set: that of the {@link BackendProvider} with the lowest
 * {@link BackendProvider#priority()} value (lower wins).
 */
public final class DefaultBackends {
  private DefaultBackends() {}

  /**
   * Creates the default backend, reading {@code clock}.
   *
   * @throws IllegalStateException when no {@link BackendProvider} is on the class path
   */
  public static Backend create(Clock clock) {
    return ServiceLoader.load(BackendProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .min(Comparator.comparingInt(BackendProvider::priority))
        .map(provider -> provider.createDefault(clock))
        .orElseThrow(() -> new IllegalStateException("no backend set and none found on the "
            + "class path: call backend(...) or add cachedhttp-backend-memory"));
  }
}
