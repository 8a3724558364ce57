package dev.cachedhttp.dynamodb.internal;

import dev.cachedhttp.spi.StorageException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Runs every DynamoDB call of one backend: holds the client, the table name and the per-call
 * timeouts, and turns any failure into a {@link StorageException} that names the operation and
 * the table. A missing table is logged once at WARN, naming table, region and endpoint; an item
 * too large to store is logged once at WARN; later occurrences are logged at DEBUG. Thread-safe.
 */
public final class Calls {
  private static final Logger LOG = LoggerFactory.getLogger("dev.cachedhttp.dynamodb");

  private final DynamoDbClient client;
  private final String table;
  private final String location;
  private final AwsRequestOverrideConfiguration read;
  private final Duration readTimeout;
  private final Duration readAttemptTimeout;
  private final AwsRequestOverrideConfiguration write;
  private final AwsRequestOverrideConfiguration admin;
  private final AtomicBoolean missingTableLogged = new AtomicBoolean();
  private final AtomicBoolean oversizeLogged = new AtomicBoolean();
  private volatile TableRestorer restorer;

  /**
   * Creates the call runner.
   *
   * @param client the client to call
   * @param table the table name
   * @param location where the table lives, for messages: region and endpoint
   * @param readTimeout the total time for one read, retries included
   * @param readAttemptTimeout the time for one attempt of a read
   * @param writeTimeout the total time for one write, retries included; each attempt gets half
   * @param adminTimeout the total time for one page of a listing, one batch, or one table call
   */
  public Calls(DynamoDbClient client, String table, String location, Duration readTimeout,
      Duration readAttemptTimeout, Duration writeTimeout, Duration adminTimeout) {
    this.client = client;
    this.table = table;
    this.location = location;
    this.read = timeouts(readTimeout, readAttemptTimeout);
    this.readTimeout = readTimeout;
    this.readAttemptTimeout = readAttemptTimeout;
    this.write = timeouts(writeTimeout, writeTimeout.dividedBy(2));
    this.admin = timeouts(adminTimeout, adminTimeout.dividedBy(2));
  }

  private static AwsRequestOverrideConfiguration timeouts(Duration total, Duration attempt) {
    return AwsRequestOverrideConfiguration.builder()
        .apiCallTimeout(total)
        .apiCallAttemptTimeout(attempt)
        .build();
  }

  /**
   * From now on a missing table is handed to {@code restorer}, which re-creates it in the
   * background, instead of only being logged.
   */
  public void restoreMissingTableWith(TableRestorer restorer) {
    this.restorer = restorer;
  }

  /** The client. */
  public DynamoDbClient client() {
    return client;
  }

  /** The table name. */
  public String table() {
    return table;
  }

  /** Where the table lives, e.g. {@code region us-east-1, endpoint https://...}. */
  public String location() {
    return location;
  }

  /** Timeouts for single-item reads and {@code BatchGetItem}. */
  public AwsRequestOverrideConfiguration read() {
    return read;
  }

  /**
   * The deadline ({@link System#nanoTime()} units) of a lookup that starts now: all its reads
   * share twice the read timeout.
   */
  public long lookupDeadline() {
    return System.nanoTime() + lookupBudget().toNanos();
  }

  private Duration lookupBudget() {
    return readTimeout.multipliedBy(2);
  }

  /**
   * Timeouts for a read of a lookup that must end by {@code deadline} (see {@link
   * #lookupDeadline}): the read timeouts, shortened to the time left.
   *
   * @throws StorageException when no time is left
   */
  public AwsRequestOverrideConfiguration readUntil(long deadline) {
    Duration left = Duration.ofNanos(deadline - System.nanoTime());
    if (left.compareTo(readTimeout) >= 0) {
      return read;
    }
    if (left.toMillis() < 1) {
      throw new StorageException("DynamoDB lookup on table '" + table + "' (" + location
          + ") used up its time (" + lookupBudget().toMillis() + " ms) before its "
          + "last read");
    }
    return timeouts(left, left.compareTo(readAttemptTimeout) < 0 ? left : readAttemptTimeout);
  }

  /** Timeouts for single-item writes and deletes. */
  public AwsRequestOverrideConfiguration write() {
    return write;
  }

  /** Timeouts for query pages, batch writes and table management. */
  public AwsRequestOverrideConfiguration admin() {
    return admin;
  }

  /**
   * Runs {@code call}, translating any failure.
   *
   * @throws StorageException naming {@code operation} and the table, with the failure as cause
   */
  public <T> T run(String operation, Supplier<T> call) {
    try {
      return call.get();
    } catch (StorageException e) {
      throw e;
    } catch (ResourceNotFoundException e) {
      throw missingTable(operation, e);
    } catch (RuntimeException e) {
      if (isItemTooLarge(e)) {
        throw oversize(new ItemTooLargeException("DynamoDB rejected the item as too large: "
            + e.getMessage()));
      }
      LOG.debug("DynamoDB {} on table '{}' failed", operation, table, e);
      throw new StorageException("DynamoDB " + operation + " on table '" + table + "' ("
          + location + ") failed: " + e.getMessage(), e);
    }
  }

  /**
   * Returns a lazy stream over the iterator {@code source} makes; making the iterator (which may
   * already fetch a page) and every fetch go through {@link #run}.
   */
  public <T> Stream<T> stream(String operation, Supplier<Iterator<T>> source) {
    Iterator<T> guarded = new Iterator<>() {
      private Iterator<T> iterator;

      private Iterator<T> iterator() {
        if (iterator == null) {
          iterator = run(operation, source);
        }
        return iterator;
      }

      @Override
      public boolean hasNext() {
        return run(operation, () -> iterator().hasNext());
      }

      @Override
      public T next() {
        return run(operation, () -> iterator().next());
      }
    };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(guarded, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /** Logs a skipped oversize write (WARN the first time) and returns it for throwing. */
  public ItemTooLargeException oversize(ItemTooLargeException e) {
    if (oversizeLogged.compareAndSet(false, true)) {
      LOG.warn("Skipped a cache write to DynamoDB table '{}': {} (further ones are logged at "
          + "DEBUG)", table, e.getMessage());
    } else {
      LOG.debug("Skipped a cache write to DynamoDB table '{}': {}", table, e.getMessage());
    }
    return e;
  }

  private StorageException missingTable(String operation, ResourceNotFoundException e) {
    String message = "DynamoDB table '" + table + "' does not exist (" + location + ")";
    TableRestorer restoring = restorer;
    if (restoring != null) {
      restoring.tableMissing(); // logs its own attempts, at most one a minute
      return new StorageException(message + "; " + operation + " failed", e);
    }
    if (missingTableLogged.compareAndSet(false, true)) {
      LOG.warn("{}: cache reads are misses and writes are skipped until it is created (create it "
          + "with createTable(true) or the CloudFormation template). Logged once.", message);
    } else {
      LOG.debug("{} ({})", message, operation);
    }
    return new StorageException(message + "; " + operation + " failed", e);
  }

  private static boolean isItemTooLarge(RuntimeException e) {
    String message = e.getMessage();
    return message != null && message.contains("Item size has exceeded the maximum allowed size");
  }
}
