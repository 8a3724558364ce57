package dev.cachedhttp.dynamodb;

import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.testkit.MutableClock;
import dev.cachedhttp.testkit.StorageContract;

/** The storage contract with default settings, on a client the backend builds itself. */
class DynamoDbBackendContractTest extends StorageContract {
  private static final String TABLE = LocalTables.uniqueTable("contract_default");

  @Override
  protected Backend createBackend(MutableClock clock) {
    return LocalTables.backend(TABLE, clock).build();
  }
}
