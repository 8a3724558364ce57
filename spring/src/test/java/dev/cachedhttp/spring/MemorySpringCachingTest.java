package dev.cachedhttp.spring;

import dev.cachedhttp.memory.MemoryBackend;
import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.testkit.MutableClock;

/** Spring caching over the memory backend. */
class MemorySpringCachingTest extends SpringCachingContract {
  @Override
  protected Backend createBackend(MutableClock clock) {
    return MemoryBackend.builder().clock(clock).build();
  }
}
