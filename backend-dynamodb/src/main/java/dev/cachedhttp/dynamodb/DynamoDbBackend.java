package dev.cachedhttp.dynamodb;

import dev.cachedhttp.dynamodb.internal.Calls;
import dev.cachedhttp.dynamodb.internal.ChunkedBodies;
import dev.cachedhttp.dynamodb.internal.ClientFactory;
import dev.cachedhttp.dynamodb.internal.ClientWarmUp;
import dev.cachedhttp.dynamodb.internal.DynamoLeases;
import dev.cachedhttp.dynamodb.internal.DynamoStorage;
import dev.cachedhttp.dynamodb.internal.Partitions;
import dev.cachedhttp.dynamodb.internal.RedirectItemCodec;
import dev.cachedhttp.dynamodb.internal.ResponseItemCodec;
import dev.cachedhttp.dynamodb.internal.ResponseLookup;
import dev.cachedhttp.dynamodb.internal.TableManager;
import dev.cachedhttp.dynamodb.internal.TableRestorer;
import dev.cachedhttp.dynamodb.internal.ValueNamespaceRegistry;
import dev.cachedhttp.internal.Checks;
import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.Leases;
import dev.cachedhttp.spi.Storage;
import dev.cachedhttp.spi.StorageException;
import dev.cachedhttp.spi.StoredValue;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
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
 * {@code status}, {@code url}, {@code method}, {@code reason}, {@code headers} (a map of lists),
 * {@code request}, {@code history}, {@code created_at}, {@code expires}, and the body so that a
 * hit serves exactly the origin's bytes: text as a string, anything else as binary, and large
 * bodies gzip-compressed ({@code body_encoding} says which), or with {@link
 * Builder#bodyFormat(BodyFormat) BodyFormat.JSON_DOCUMENT} JSON as a native map or list. Every
 * item carries {@code body_crc32c}, the CRC32C of the body it serves; each read checks the
 * item's shape and that checksum before anything is served, and an item that fails is a {@link
 * StorageException} (a miss the cache counts). Entries that expire carry {@code evict_at} and,
 * unless TTL is off, a {@code ttl} attribute in epoch seconds that DynamoDB's TTL deletes by; reads
 * ignore items past their expiry even before DynamoDB deletes them.
 *
 * <p>A lookup is one {@code BatchGetItem} of the response and redirect alias items, or one {@code
 * GetItem} of the response item for a key this backend has found as a response before (see {@link
 * #lookup}), plus one {@code GetItem} of the target when the key is an alias; a put is one {@code
 * PutItem}. Every call has a timeout ({@link Builder#readTimeout}
 * with {@link Builder#readAttemptTimeout} per attempt, {@link Builder#writeTimeout}; listing,
 * batch and table calls {@link #ADMIN_TIMEOUT}), within which the SDK may retry (a client built
 * here makes at most {@value #MAX_ATTEMPTS} attempts;
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

  /** Default {@link Builder#bodyFormat}: {@link BodyFormat#EXACT}, byte for byte. */
  public static final BodyFormat DEFAULT_BODY_FORMAT = BodyFormat.EXACT;

  /**
   * Default {@link Builder#readTimeout}: 250 ms, the latency budget of a lookup on the caller's
   * time, retries included; well under the origin round trip a cache hit saves.
   */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMillis(250);

  /** Default {@link Builder#readAttemptTimeout}: 100 ms per attempt (at most the read timeout). */
  public static final Duration DEFAULT_READ_ATTEMPT_TIMEOUT = Duration.ofMillis(100);

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
  private final ResponseLookup lookup;
  private final DynamoLeases leases;
  private final ValueNamespaceRegistry values;
  private final long maxBodyBytes;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final TableRestorer restorer;

  private DynamoDbBackend(Builder b, DynamoDbClient client, boolean ownsClient) {
    this.client = client;
    this.ownsClient = ownsClient;
    this.tableName = b.tableName;
    this.location = describeLocation(client);
    this.maxBodyBytes = b.maxBodyBytes;
    Calls calls = new Calls(client, tableName, location, b.readTimeout, b.readAttemptTimeout(),
        b.writeTimeout, ADMIN_TIMEOUT);
    this.responses = new DynamoStorage<>(calls,
        new Partitions("responses", b.cacheName, b.partitionShards),
        new ResponseItemCodec(b.compressAbove, b.maxBodyBytes,
            b.bodyFormat == BodyFormat.JSON_DOCUMENT), b.clock, b.ttl, b.consistentReads,
        new ChunkedBodies(calls, b.maxBodyBytes));
    this.redirects = new DynamoStorage<>(calls,
        new Partitions("redirects", b.cacheName, b.partitionShards),
        new RedirectItemCodec(), b.clock, b.ttl, b.consistentReads);
    this.lookup = new ResponseLookup(calls, responses, redirects);
    this.leases = new DynamoLeases(calls, b.cacheName, b.clock);
    this.values = new ValueNamespaceRegistry(calls, b.cacheName, b.clock, b.ttl,
        b.consistentReads);
    if (b.createTable) {
      new TableManager(calls).ensureTable(b.ttl);
      this.restorer = new TableRestorer(calls, b.ttl, b.clock);
      calls.restoreMissingTableWith(restorer);
    } else {
      this.restorer = null;
    }
    if (b.warmUp == null ? b.createTable : b.warmUp) {
      ClientWarmUp.run(calls, responses, redirects);
    }
  }

  /**
   * Leases for {@code CachedClient.Builder.coalesceAcrossInstances}: items in a {@code leases}
   * partition of the same table (see {@link DynamoLeases} for their cost).
   */
  @Override
  public Optional<Leases> leases() {
    return Optional.of(leases);
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
   * The value namespace {@code namespace} in this backend's table: partition key {@code
   * namespace} ({@code NAME:namespace} with a {@linkplain Builder#cacheName cache name}; never
   * sharded), sort key the user's key, the value as a readable document; see {@code
   * ValueItemCodec} for the attributes.
   */
  @Override
  public Storage<StoredValue> values(String namespace) {
    return values.namespace(namespace);
  }

  /**
   * Reads the response stored under {@code key}, or the target of the redirect alias stored under
   * it. A key this backend last found as a response is read with one {@code GetItem} of its
   * response item, so a repeated hit costs one request and one read unit; any other key with one
   * {@code BatchGetItem} of its response and alias items (a miss is one request, an alias hit
   * two with the target's {@code GetItem}). A key that was a response and is no longer costs one
   * more {@code GetItem} (of its alias) once. The reads of one lookup share twice the read
   * timeout.
   *
   * @throws StorageException when DynamoDB fails or an item is unreadable
   */
  @Override
  public Optional<Lookup> lookup(String key) {
    return lookup.lookup(key);
  }

  /** True: every call is a network round trip, so the cache writes in the background. */
  @Override
  public boolean remote() {
    return true;
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

  /**
   * Stops a re-creation of the table under way and closes the DynamoDB client if this backend
   * built it; a client passed in stays open.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (restorer != null) {
      restorer.close();
    }
    if (ownsClient) {
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
  public static final class Builder {
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");

    private String tableName = DEFAULT_TABLE_NAME;
    private Region region;
    private URI endpointOverride;
    private AwsCredentialsProvider credentialsProvider;
    private DynamoDbClient client;
    private boolean createTable = true;
    private boolean ttl = true;
    private String cacheName;
    private int partitionShards = DEFAULT_PARTITION_SHARDS;
    private Clock clock = Clock.systemUTC();
    private int compressAbove = DEFAULT_COMPRESS_ABOVE;
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private Duration readAttemptTimeout;
    private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
    private boolean consistentReads;
    private BodyFormat bodyFormat = DEFAULT_BODY_FORMAT;
    private Boolean warmUp;

    private Builder() {}

    /**
     * The table to use: 3 to 255 letters, digits, {@code _}, {@code .} or {@code -}. Default
     * {@value #DEFAULT_TABLE_NAME}.
     */
    public Builder tableName(String tableName) {
      Objects.requireNonNull(tableName, "tableName");
      if (!TABLE_NAME.matcher(tableName).matches()) {
        throw new IllegalArgumentException("tableName must be 3 to 255 letters, digits, '_', '.'"
            + " or '-' but was \"" + tableName + "\"");
      }
      this.tableName = tableName;
      return this;
    }

    /**
     * The AWS region, e.g. {@code "us-east-1"}. Default: the SDK's region chain ({@code
     * AWS_REGION}, profile, instance metadata). Together with {@link #client} it must equal the
     * client's region.
     */
    public Builder region(String region) {
      Objects.requireNonNull(region, "region");
      if (!REGION.matcher(region).matches()) {
        throw new IllegalArgumentException("region must be an AWS region id such as us-east-1"
            + " but was \"" + region + "\"");
      }
      return region(Region.of(region));
    }

    /**
     * The AWS region. Default: the SDK's region chain. Together with {@link #client} it must
     * equal the client's region.
     */
    public Builder region(Region region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /**
     * The endpoint to call instead of the region's, e.g. {@code http://localhost:8000} for
     * DynamoDB Local; must be an absolute {@code http} or {@code https} URI. Not allowed together
     * with {@link #client}.
     */
    public Builder endpointOverride(URI endpoint) {
      Objects.requireNonNull(endpoint, "endpointOverride");
      String scheme = endpoint.getScheme();
      if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
          || endpoint.getHost() == null) {
        throw new IllegalArgumentException("endpointOverride must be an absolute http or https"
            + " URI but was " + endpoint);
      }
      this.endpointOverride = endpoint;
      return this;
    }

    /**
     * The credentials to sign requests with. Default: the SDK's default credentials chain. Not
     * allowed together with {@link #client}.
     */
    public Builder credentialsProvider(AwsCredentialsProvider credentialsProvider) {
      this.credentialsProvider = Objects.requireNonNull(credentialsProvider,
          "credentialsProvider");
      return this;
    }

    /**
     * A client to use instead of building one; the backend never closes it. Its own retry
     * settings apply; the backend's per-call timeouts are added to every request. Default: a
     * client built from {@link #region}, {@link #endpointOverride} and {@link
     * #credentialsProvider}, with the Apache HTTP client (connect timeout 1 s) and at
     * most {@value DynamoDbBackend#MAX_ATTEMPTS} attempts per call.
     */
    public Builder client(DynamoDbClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Whether {@link #build()} creates the table when it is missing (on-demand billing), waits
     * until it is active and enables TTL. Default {@code true}; then a table that disappears
     * while the backend runs is re-created in the background (at most one attempt a minute, each
     * logged; calls are misses until it is back). With {@code false}, {@code build()} makes no
     * DynamoDB call, and a missing table is logged once at WARN on first use.
     */
    public Builder createTable(boolean createTable) {
      this.createTable = createTable;
      return this;
    }

    /**
     * Whether items get a {@code ttl} attribute (epoch seconds) and the table gets TTL enabled.
     * Default {@code true}. With {@code false} no item has a {@code ttl} attribute and no TTL
     * call is made; reads still ignore expired entries.
     */
    public Builder ttl(boolean ttl) {
      this.ttl = ttl;
      return this;
    }

    /**
     * A name that prefixes the namespaces ({@code NAME:responses}, {@code NAME:redirects}), so
     * several caches can share one table: 1 to 64 letters, digits, {@code _}, {@code .} or
     * {@code -}. Default: none.
     */
    public Builder cacheName(String cacheName) {
      Partitions.checkCacheName(cacheName);
      this.cacheName = cacheName;
      return this;
    }

    /**
     * Spreads each namespace over this many partition-key values ({@code responses#00} ...) to
     * spread load; 1 to 100. Default {@value DynamoDbBackend#DEFAULT_PARTITION_SHARDS}, which
     * keeps the plain {@code namespace = :n} query working.
     */
    public Builder partitionShards(int partitionShards) {
      Partitions.checkShards(partitionShards);
      this.partitionShards = partitionShards;
      return this;
    }

    /** The clock that decides whether a stored item has expired. Default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Bodies larger than this many bytes are stored gzip-compressed (as binary) instead of in
     * readable form; 0 compresses every non-empty body. Bodies whose readable item would exceed
     * DynamoDB's 400 KB limit are compressed whatever this says. Default 32 KiB.
     */
    public Builder compressAbove(int bytes) {
      this.compressAbove = (int) Checks.nonNegative("compressAbove", bytes);
      return this;
    }

    /**
     * The largest body stored; the cache passes larger bodies through without storing them.
     * Between 0 and 64 MiB. Default 4 MiB (only bodies that compress well fit a 400 KB item).
     */
    public Builder maxBodyBytes(long maxBodyBytes) {
      this.maxBodyBytes = Checks.between("maxBodyBytes", maxBodyBytes, 0, MAX_MAX_BODY_BYTES);
      return this;
    }

    /**
     * The total time one read ({@code GetItem}, {@code BatchGetItem}) may take, retries
     * included: the latency budget a lookup adds to a call at most when DynamoDB is slow,
     * throttling or hanging. Between 10 ms and 1 minute. Default 250 ms.
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = checkTimeout(timeout, "readTimeout");
      return this;
    }

    /**
     * The time one attempt of a read may take before the SDK gives it up (and retries, within
     * {@link #readTimeout}). Between 10 ms and 1 minute, at most the read timeout. Default 100 ms,
     * or the read timeout when that is shorter.
     */
    public Builder readAttemptTimeout(Duration timeout) {
      this.readAttemptTimeout = checkTimeout(timeout, "readAttemptTimeout");
      return this;
    }

    private Duration readAttemptTimeout() {
      if (readAttemptTimeout != null) {
        return readAttemptTimeout;
      }
      return readTimeout.compareTo(DEFAULT_READ_ATTEMPT_TIMEOUT) < 0 ? readTimeout
          : DEFAULT_READ_ATTEMPT_TIMEOUT;
    }

    /**
     * The total time one write ({@code PutItem}, {@code DeleteItem}) may take, retries included;
     * each attempt gets half of it. Between 10 ms and 1 minute. Default 2 seconds.
     */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = checkTimeout(timeout, "writeTimeout");
      return this;
    }

    private static Duration checkTimeout(Duration timeout, String name) {
      return Checks.between(name, timeout, Duration.ofMillis(10), Duration.ofMinutes(1));
    }

    /**
     * Whether reads are strongly consistent (twice the read cost) instead of eventually
     * consistent. Default {@code false}: a response written a moment ago may be a miss.
     */
    public Builder consistentReads(boolean consistentReads) {
      this.consistentReads = consistentReads;
      return this;
    }

    /**
     * Whether {@link #build()} makes a few reads (three {@code
     * BatchGetItem}s of a key no entry uses, each bounded by 2 seconds, stopping at the first
     * failure) so that the SDK client's first, slow requests are not a user's. Default: as
     * {@link #createTable(boolean)}, so that {@code build()} talks to DynamoDB only when it
     * prepares the table anyway.
     */
    public Builder warmUp(boolean warmUp) {
      this.warmUp = warmUp;
      return this;
    }

    /**
     * How bodies are stored. Default {@link BodyFormat#EXACT}: every hit serves the origin's
     * bytes. {@link BodyFormat#JSON_DOCUMENT} stores JSON bodies as native documents that
     * DynamoDB expressions reach into, served JSON-equal rather than byte-equal (never for a
     * {@code Cache-Control: no-transform} response). Either way every item carries the CRC32C
     * of the body it serves, checked on every read, and items written with the other format
     * still read.
     */
    public Builder bodyFormat(BodyFormat bodyFormat) {
      this.bodyFormat = Objects.requireNonNull(bodyFormat, "bodyFormat");
      return this;
    }

    /**
     * Builds the backend. With {@link #createTable(boolean) createTable(true)} (the default) this
     * creates the table when it is missing, waits until it is active and enables TTL; with {@code
     * createTable(false)} it makes no DynamoDB call.
     *
     * @throws IllegalStateException when {@link #client} is combined with {@link
     *     #endpointOverride}, {@link #credentialsProvider} or a {@link #region} other than the
     *     client's, when no region can be found, or when {@link #readAttemptTimeout} exceeds
     *     {@link #readTimeout}
     * @throws StorageException naming the table, region and endpoint when the table cannot be
     *     created or checked (unreachable endpoint, missing permission, other key schema)
     */
    public DynamoDbBackend build() {
      if (readAttemptTimeout != null && readAttemptTimeout.compareTo(readTimeout) > 0) {
        throw new IllegalStateException("readAttemptTimeout (" + readAttemptTimeout
            + ") must not exceed readTimeout (" + readTimeout + ")");
      }
      if (client != null && (endpointOverride != null || credentialsProvider != null)) {
        throw new IllegalStateException("client(...) cannot be combined with endpointOverride "
            + "or credentialsProvider: configure the client you pass instead");
      }
      if (client != null && region != null) {
        ClientFactory.checkRegion(client, region);
      }
      boolean owns = client == null;
      DynamoDbClient dynamo = owns
          ? ClientFactory.create(region, endpointOverride, credentialsProvider)
          : client;
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
