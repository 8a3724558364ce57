package dev.cachedhttp.dynamodb;

import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.testkit.MutableClock;
import dev.cachedhttp.testkit.StorageContract;

/**
 * The storage contract with a cache name, four partition shards and a tiny compression
 * threshold (so most bodies are gzip-compressed), on a client passed in. The table is made
 * beforehand without TTL deletion (see {@link LocalTables#tableWithoutTtlDeletion}).
 */
class ShardedCompressedContractTest extends StorageContract {
  private static final String TABLE = LocalTables.tableWithoutTtlDeletion("contract_sharded");

  @Override
  protected Backend createBackend(MutableClock clock) {
    return DynamoDbBackend.builder()
        .readTimeout(LocalTables.TEST_READ_TIMEOUT)
        .readAttemptTimeout(LocalTables.TEST_READ_TIMEOUT)
        .client(LocalTables.local().client())
        .tableName(TABLE)
        .cacheName("app")
        .partitionShards(4)
        .compressAbove(64)
        .createTable(false)
        .clock(clock)
        .build();
  }
}
