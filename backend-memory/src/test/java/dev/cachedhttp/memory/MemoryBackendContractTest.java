package dev.cachedhttp.memory;

import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.testkit.MutableClock;
import dev.cachedhttp.testkit.StorageContract;

class MemoryBackendContractTest extends StorageContract {
  @Override
  protected Backend createBackend(MutableClock clock) {
    return MemoryBackend.builder().clock(clock).build();
  }
}
