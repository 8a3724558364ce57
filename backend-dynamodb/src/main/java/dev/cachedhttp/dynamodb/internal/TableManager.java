package dev.cachedhttp.dynamodb.internal;

import dev.cachedhttp.spi.StorageException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Makes sure the cache table exists: creates it (on-demand billing) when it is missing, waits
 * until it is active, checks its key schema, and enables TTL on {@value TableLayout#TTL_ATTRIBUTE}
 * when it is not enabled yet (checked with {@code DescribeTimeToLive}, so a restart does not call
 * {@code UpdateTimeToLive}).
 */
public final class TableManager {
  /** The longest wait for a new table to become active. */
  public static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(3);

  private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger("dev.cachedhttp.dynamodb");

  private final Calls calls;

  /** Creates a manager for the table of {@code calls}. */
  public TableManager(Calls calls) {
    this.calls = calls;
  }

  /**
   * Creates the table if needed and enables TTL when {@code ttl} is true.
   *
   * @throws StorageException naming the table, region and endpoint when DynamoDB cannot be
   *     reached, a permission is missing, or the table has another key schema
   */
  public void ensureTable(boolean ttl) {
    try {
      TableDescription table = describe().orElseGet(this::create);
      checkKeySchema(table);
      if (!"ACTIVE".equals(table.tableStatusAsString())) {
        waitUntilActive();
      }
      if (ttl) {
        ensureTtl();
      }
    } catch (StorageException e) {
      throw new StorageException("Cannot prepare DynamoDB table '" + calls.table() + "' ("
          + calls.location() + "): " + rootMessage(e), e);
    }
  }

  private Optional<TableDescription> describe() {
    return calls.run("DescribeTable", () -> {
      try {
        return Optional.of(calls.client().describeTable(r -> r
            .tableName(calls.table()).overrideConfiguration(calls.admin())).table());
      } catch (ResourceNotFoundException e) {
        return Optional.empty();
      }
    });
  }

  private TableDescription create() {
    return calls.run("CreateTable", () -> {
      try {
        TableDescription created = calls.client().createTable(
            TableLayout.createTableRequest(calls.table()).toBuilder()
                .overrideConfiguration(calls.admin()).build()).tableDescription();
        LOG.info("Created DynamoDB table '{}' ({})", calls.table(), calls.location());
        return created;
      } catch (ResourceInUseException e) {
        return describe().orElseThrow(() -> e);
      }
    });
  }

  private void checkKeySchema(TableDescription table) {
    if (!table.keySchema().equals(TableLayout.keySchema())) {
      throw new StorageException("the table exists with key schema " + describe(table)
          + " but the cache needs " + TableLayout.PARTITION_KEY + " (HASH) and "
          + TableLayout.SORT_KEY + " (RANGE), both strings");
    }
  }

  private static String describe(TableDescription table) {
    StringBuilder s = new StringBuilder();
    for (KeySchemaElement element : table.keySchema()) {
      s.append(s.length() == 0 ? "" : ", ").append(element.attributeName()).append(" (")
          .append(element.keyTypeAsString()).append(')');
    }
    return s.toString();
  }

  private void waitUntilActive() {
    DynamoDbWaiter waiter = DynamoDbWaiter.builder()
        .client(calls.client())
        .overrideConfiguration(o -> o.waitTimeout(ACTIVE_TIMEOUT)
            .backoffStrategyV2(BackoffStrategy.fixedDelay(POLL_INTERVAL)))
        .build();
    Optional<Throwable> failure = calls.run("DescribeTable (waiting until active)", () ->
        waiter.waitUntilTableExists(r -> r.tableName(calls.table())).matched().exception());
    if (failure.isPresent()) {
      throw new StorageException("the table did not become active", failure.get());
    }
  }

  private void ensureTtl() {
    TimeToLiveDescription ttl = calls.run("DescribeTimeToLive", () -> calls.client()
        .describeTimeToLive(r -> r.tableName(calls.table()).overrideConfiguration(calls.admin()))
        .timeToLiveDescription());
    TimeToLiveStatus status = ttl.timeToLiveStatus();
    boolean on = status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING;
    if (on && TableLayout.TTL_ATTRIBUTE.equals(ttl.attributeName())) {
      return;
    }
    if (on || status == TimeToLiveStatus.DISABLING) {
      LOG.warn("TTL of DynamoDB table '{}' is {} on attribute '{}', not '{}': expired cache "
          + "entries are not deleted by DynamoDB (reads still ignore them)", calls.table(),
          status, ttl.attributeName(), TableLayout.TTL_ATTRIBUTE);
      return;
    }
    calls.run("UpdateTimeToLive", () -> calls.client().updateTimeToLive(r -> r
        .tableName(calls.table())
        .timeToLiveSpecification(s -> s.enabled(true).attributeName(TableLayout.TTL_ATTRIBUTE))
        .overrideConfiguration(calls.admin())));
    LOG.info("Enabled TTL on attribute '{}' of DynamoDB table '{}'", TableLayout.TTL_ATTRIBUTE,
        calls.table());
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? e.getMessage() : e.getMessage() + " (cause: " + root + ")";
  }
}
