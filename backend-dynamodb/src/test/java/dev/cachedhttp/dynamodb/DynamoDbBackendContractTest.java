package dev.cachedhttp.dynamodb;

import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.testkit.MutableClock;
import dev.cachedhttp.testkit.StorageContract;

/**
 * The storage contract with default settings on a client the backend builds itself, except that
 * the table is made beforehand without TTL deletion (see {@link
 * LocalTables#tableWithoutTtlDeletion}); creating tables is tested in {@link TableManagementTest}.
 */
class DynamoDbBackendContractTest extends StorageContract {
  private static final String TABLE = LocalTables.tableWithoutTtlDeletion("contract_default");

  @Override
  protected Backend createBackend(MutableClock clock) {
    return LocalTables.backend(TABLE, clock).build();
  }
}
