package dev.cachedhttp.dynamodb;

import dev.cachedhttp.dynamodb.internal.BatchLookup;
import dev.cachedhttp.dynamodb.internal.Calls;
import dev.cachedhttp.dynamodb.internal.DynamoStorage;
import dev.cachedhttp.dynamodb.internal.Partitions;
import dev.cachedhttp.dynamodb.internal.RedirectItemCodec;
import dev.cachedhttp.dynamodb.internal.ResponseItemCodec;
import dev.cachedhttp.dynamodb.internal.TableManager;
import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.Storage;
import dev.cachedhttp.spi.StorageException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;

/**
 * A {@link Backend} that stores cached responses as readable items in one Amazon DynamoDB table.
 *
 * <p>The table has partition key {@code namespace} and sort key {@code key} (both strings).
 * Responses live in namespace {@code responses}, redirect aliases in {@code redirects}; with a
 * {@linkplain Builder#cacheName cache name} they become {@code NAME:responses} and {@code
 * NAME:redirects}, and with {@linkplain Builder#partitionShards more than one shard} each
 * namespace is spread over {@code responses#00}, {@code responses#01}, ... A response item holds
 * {@code url}, {@code method}, {@code status}, {@code reason}, {@code headers} (a map of lists),
 * {@code request}, {@code history}, {@code created_at}, {@code expires}, and the body: JSON as a
 * native map or list, text as a string, anything else as binary, and large bodies gzip-compressed
 * ({@code body_encoding} says which). Entries that expire carry {@code evict_at} and, unless TTL is
 * off, a {@code ttl} attribute in epoch seconds that DynamoDB's TTL deletes by; reads ignore items
 * past their expiry even before DynamoDB deletes them.
 *
 * <p>A lookup is one {@code BatchGetItem} (plus one {@code GetItem} when the key is a redirect
 * alias); a put is one {@code PutItem}. Every call has a timeout ({@link Builder#readTimeout},
 * {@link Builder#writeTimeout}; listing, batch and table calls {@link #ADMIN_TIMEOUT}), within
 * which the SDK may retry (a client built here makes at most {@value #MAX_ATTEMPTS} attempts;
 * a client passed in keeps its own retry settings). Failures are thrown as {@link
 * StorageException}, which the cache turns into misses and skipped writes; an item too large for
 * DynamoDB's 400 KB limit even compressed is not written (a {@link StorageException} again).
 *
 * <p>Thread-safe. {@link #close()} closes the DynamoDB client only if this backend created it.
 */
public final class DynamoDbBackend implements Backend {
  /** Default {@link Builder#tableName}: {@value}. */
  public static final String DEFAULT_TABLE_NAME = "http_cache";

  /** Default {@link Builder#partitionShards}: {@value}. */
  public static final int DEFAULT_PARTITION_SHARDS = 1;

  /** Default {@link Builder#compressAbove}: 32 KiB. */
  public static final int DEFAULT_COMPRESS_ABOVE = 32 * 1024;

  /** Default {@link Builder#maxBodyBytes}: 4 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 4L << 20;

  /** The largest {@link Builder#maxBodyBytes} accepted: 64 MiB. */
  public static final long MAX_MAX_BODY_BYTES = 64L << 20;

  /** Default {@link Builder#readTimeout}: 1 second. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(1);

  /** Default {@link Builder#writeTimeout}: 2 seconds. */
  public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(2);

  /** Timeout of one query page, one batch write and each table-management call: 30 seconds. */
  public static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  /** Attempts per call (first try plus retries) of a client this backend builds: {@value}. */
  public static final int MAX_ATTEMPTS = ClientFactory.MAX_ATTEMPTS;

  private final DynamoDbClient client;
  private final boolean ownsClient;
  private final String tableName;
  private final String location;
  private final DynamoStorage<CachedResponse> responses;
  private final DynamoStorage<String> redirects;
  private final BatchLookup lookup;
  private final long maxBodyBytes;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DynamoDbBackend(Builder b, DynamoDbClient client, boolean ownsClient) {
    this.client = client;
    this.ownsClient = ownsClient;
    this.tableName = b.tableName;
    this.location = describeLocation(client);
    this.maxBodyBytes = b.maxBodyBytes;
    Calls calls = new Calls(client, tableName, location, b.readTimeout, b.writeTimeout,
        ADMIN_TIMEOUT);
    this.responses = new DynamoStorage<>(calls,
        new Partitions("responses", b.cacheName, b.partitionShards),
        new ResponseItemCodec(b.compressAbove, b.maxBodyBytes), b.clock, b.ttl, b.consistentReads);
    this.redirects = new DynamoStorage<>(calls,
        new Partitions("redirects", b.cacheName, b.partitionShards),
        new RedirectItemCodec(), b.clock, b.ttl, b.consistentReads);
    this.lookup = new BatchLookup(calls, responses, redirects);
    if (b.createTable) {
      new TableManager(calls).ensureTable(b.ttl);
    }
  }

  private static String describeLocation(DynamoDbClient client) {
    DynamoDbServiceClientConfiguration config = client.serviceClientConfiguration();
    String region = config.region() == null ? "no region" : "region " + config.region().id();
    return region + ", endpoint " + config.endpointOverride().map(URI::toString)
        .orElse("default for the region");
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Storage<CachedResponse> responses() {
    return responses;
  }

  @Override
  public Storage<String> redirects() {
    return redirects;
  }

  /**
   * Reads the response and the redirect alias stored under {@code key} in one {@code
   * BatchGetItem}; only an alias costs a second request (the target's {@code GetItem}).
   *
   * @throws StorageException when DynamoDB fails or an item is unreadable
   */
  @Override
  public Optional<Lookup> lookup(String key) {
    return lookup.lookup(key);
  }

  /** The largest body stored; default {@value #DEFAULT_MAX_BODY_BYTES} bytes. */
  @Override
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /** The name of the table this backend uses. */
  public String tableName() {
    return tableName;
  }

  /** Closes the DynamoDB client if this backend built it; a client passed in stays open. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && ownsClient) {
      client.close();
    }
  }

  @Override
  public String toString() {
    return "DynamoDbBackend{table=" + tableName + ", " + location + ", responses="
        + responses.partitions() + "}";
  }

  /**
   * Configures a {@link DynamoDbBackend}; every setter validates its argument at once and throws
   * {@link IllegalArgumentException} or {@link NullPointerException} naming the bad value. Not
   * thread-safe.
   */
  public static final class Builder extends BackendSettings<Builder> {
    private Builder() {}

    /**
     * Builds the backend. With {@link #createTable(boolean) createTable(true)} (the default) this
     * creates the table when it is missing, waits until it is active and enables TTL; with {@code
     * createTable(false)} it makes no DynamoDB call.
     *
     * @throws IllegalStateException when {@link #client} is combined with {@link #region}, {@link
     *     #endpointOverride} or {@link #credentialsProvider}, or no region can be found
     * @throws StorageException naming the table, region and endpoint when the table cannot be
     *     created or checked (unreachable endpoint, missing permission, other key schema)
     */
    public DynamoDbBackend build() {
      checkCombination();
      boolean owns = client == null;
      DynamoDbClient dynamo = owns ? ClientFactory.create(this) : client;
      try {
        return new DynamoDbBackend(this, dynamo, owns);
      } catch (RuntimeException e) {
        if (owns) {
          dynamo.close();
        }
        throw e;
      }
    }
  }
}
