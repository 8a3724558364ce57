package dev.cachedhttp.memory.internal;

import dev.cachedhttp.memory.MemoryBackend;
import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.BackendProvider;
import java.time.Clock;

/** Makes {@link MemoryBackend} with its defaults the backend used when none is set. */
public final class MemoryBackendProvider implements BackendProvider {
  @Override
  public Backend createDefault(Clock clock) {
    return MemoryBackend.builder().clock(clock).build();
  }

  @Override
  public int priority() {
    return 10;
  }
}
