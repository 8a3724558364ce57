package dev.cachedhttp.cli;

import dev.cachedhttp.CachedClient;
import dev.cachedhttp.dynamodb.DynamoDbBackend;
import dev.cachedhttp.dynamodb.internal.ChunkedBodies;
import dev.cachedhttp.dynamodb.internal.ClientFactory;
import dev.cachedhttp.dynamodb.internal.Partitions;
import dev.cachedhttp.dynamodb.internal.TableLayout;
import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.Storage;
import dev.cachedhttp.sqlite.SqliteBackend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.Request;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * An open cache: a DynamoDB table (the client and a {@link DynamoDbBackend}) or a SQLite file (a
 * {@link SqliteBackend}), whose backend decodes entries with the library's own code, and the
 * application's key function. DynamoDB items are listed by Query of each partition of a
 * namespace, page by page, and only {@link #scan()} reads the whole table; SQLite rows by an
 * index range of their namespace.
 */
final class CacheTable implements AutoCloseable {
  /** Namespace of stored responses. */
  static final String RESPONSES = "responses";

  /** Namespace of redirect aliases. */
  static final String REDIRECTS = "redirects";

  private final DynamoDbClient client;
  private final TableOptions options;
  private final String location;
  private final Backend backend;
  private final CachedClient keys;
  private final Clock clock = Clock.systemUTC();

  /** How long one DynamoDB read or write of a command may take in all (retries included). */
  private static final Duration CLI_TIMEOUT = Duration.ofSeconds(30);

  /** How long one attempt of a read may take before it is retried. */
  private static final Duration CLI_ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

  private CacheTable(DynamoDbClient client, TableOptions options, String location) {
    this(client, options, location, dynamoDb(client, options));
  }

  private CacheTable(DynamoDbClient client, TableOptions options, String location,
      Backend backend) {
    this.client = client;
    this.options = options;
    this.location = location;
    this.backend = backend;
    this.keys = CachedClient.builder()
        .backend(backend)
        .ignoredParameters(options.ignoredParameters.toArray(String[]::new))
        .matchHeaders(options.matchHeaders.toArray(String[]::new))
        .build();
  }

  private static Backend dynamoDb(DynamoDbClient client, TableOptions options) {
    DynamoDbBackend.Builder builder = DynamoDbBackend.builder()
        .client(client)
        .tableName(options.table)
        .createTable(false)
        .warmUp(false)
        .partitionShards(options.shards)
        // a person waits on the command, not a caller's request: no hit-path latency budget
        .readTimeout(CLI_TIMEOUT)
        .readAttemptTimeout(CLI_ATTEMPT_TIMEOUT)
        .writeTimeout(CLI_TIMEOUT)
        // reads everything, expired or not: the commands decide what expired means
        .clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    if (options.cacheName != null) {
      builder.cacheName(options.cacheName);
    }
    return builder.build();
  }

  /**
   * Connects and checks that the table exists and has the cache's key schema.
   *
   * @throws CliException naming the table, region and endpoint when it does not
   */
  static CacheTable open(TableOptions options) {
    if (options.sqlite != null) {
      return new CacheTable(null, options, "SQLite file " + options.sqlite,
          SqliteEntries.open(options.sqlite));
    }
    DynamoDbClient client = client(options);
    String location = "table '" + options.table + "', region "
        + client.serviceClientConfiguration().region() + ", endpoint "
        + (options.endpoint == null ? "default" : options.endpoint);
    try {
      check(client, options.table, location);
      return new CacheTable(client, options, location);
    } catch (RuntimeException e) {
      client.close();
      if (e instanceof CliException || e instanceof IllegalArgumentException) {
        throw e;
      }
      throw new CliException(Failures.describe(e) + " (" + location + ")", e);
    }
  }

  private static DynamoDbClient client(TableOptions options) {
    Region region = options.region == null ? null : Region.of(options.region);
    AwsCredentialsProvider credentials = null;
    if (options.profile != null) {
      credentials = ProfileCredentialsProvider.create(options.profile);
      if (region == null) {
        region = new AwsProfileRegionProvider(null, options.profile).getRegion();
      }
    }
    try {
      return ClientFactory.create(region, options.endpoint, credentials);
    } catch (IllegalStateException e) {
      throw new CliException("no AWS region: pass --region or set AWS_REGION", e);
    }
  }

  private static void check(DynamoDbClient client, String table, String location) {
    TableDescription description;
    try {
      description = client.describeTable(r -> r.tableName(table)).table();
    } catch (ResourceNotFoundException e) {
      throw new CliException("no such table: " + location);
    }
    if (!description.keySchema().equals(TableLayout.keySchema())
        || !description.attributeDefinitions().containsAll(TableLayout.attributeDefinitions())) {
      throw new CliException("not a cache table: " + location + " has key schema "
          + description.keySchema().stream().map(k -> k.attributeName() + " " + k.keyType())
          .toList() + "; a cache table has namespace HASH, key RANGE, both strings");
    }
  }

  /** Where the table is, for messages. */
  String location() {
    return location;
  }

  /** The current time, to decide what has expired. */
  Instant now() {
    return clock.instant();
  }

  /** The stored responses, decoded by the backend (expired ones too). */
  Storage<CachedResponse> responses() {
    return backend.responses();
  }

  /** The redirect aliases (expired ones too). */
  Storage<String> redirects() {
    return backend.redirects();
  }

  /** The response stored under {@code key} or its redirect alias's target. */
  Optional<Backend.Lookup> lookup(String key) {
    return backend.lookup(key);
  }

  /**
   * The partition-key values of {@code namespace}, e.g. {@code NAME:responses#00}; only the HTTP
   * namespaces are sharded, a value cache's namespace is one partition.
   */
  List<String> partitions(String namespace) {
    if (client == null) {
      return List.of(namespace);
    }
    boolean http = namespace.equals(RESPONSES) || namespace.equals(REDIRECTS);
    return new Partitions(namespace, options.cacheName, http ? options.shards : 1).all();
  }

  /**
   * Every entry of {@code namespace} (not the chunk items of large bodies on DynamoDB), fetched
   * page by page as the stream is read.
   */
  Stream<ItemSummary> entries(String namespace) {
    if (client == null) {
      return SqliteEntries.list(options.sqlite, namespace);
    }
    return partitions(namespace).stream().flatMap(partition -> {
      QueryRequest query = QueryRequest.builder()
          .tableName(options.table)
          .keyConditionExpression("#p = :p")
          .filterExpression(ChunkedBodies.ENTRIES_ONLY)
          .expressionAttributeNames(Map.of("#p", TableLayout.PARTITION_KEY))
          .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(partition)))
          .build();
      return client.queryPaginator(query).items().stream();
    }).map(ItemSummary::of);
  }

  /**
   * The keys of the redirect aliases whose target is one of {@code targets}, by target: one read
   * of the redirects namespace, however many targets.
   */
  Map<String, List<String>> aliasesOf(Set<String> targets) {
    if (targets.isEmpty()) {
      return Map.of();
    }
    try (Stream<ItemSummary> aliases = entries(REDIRECTS)) {
      return aliases.filter(alias -> targets.contains(alias.target()))
          .collect(Collectors.groupingBy(ItemSummary::target,
              Collectors.mapping(ItemSummary::key, Collectors.toList())));
    }
  }

  /**
   * The namespaces of the first {@code maxItems} items of a Scan that reads only the partition
   * key (of a SQLite file: of its first rows), with how many of those items each holds; bounded,
   * for hints when a namespace is empty.
   */
  Map<String, Long> sampleNamespaces(int maxItems) {
    if (client == null) {
      try (Stream<ItemSummary> rows = SqliteEntries.list(options.sqlite, null)) {
        return rows.limit(maxItems).collect(Collectors.groupingBy(ItemSummary::namespace,
            TreeMap::new, Collectors.counting()));
      }
    }
    return client.scanPaginator(r -> r.tableName(options.table)
            .projectionExpression("#p")
            .expressionAttributeNames(Map.of("#p", TableLayout.PARTITION_KEY)))
        .items().stream().limit(maxItems)
        .map(item -> item.get(TableLayout.PARTITION_KEY))
        .filter(value -> value != null && value.s() != null)
        .collect(Collectors.groupingBy(AttributeValue::s, TreeMap::new,
            Collectors.counting()));
  }

  /** Every entry of the cache: a full Scan of a table, only when the user asked for it. */
  Stream<ItemSummary> scan() {
    if (client == null) {
      return SqliteEntries.list(options.sqlite, null);
    }
    return client.scanPaginator(r -> r.tableName(options.table)).items().stream()
        .map(ItemSummary::of);
  }

  /**
   * The key of {@code keyOrUrl}: a URL ({@code http://} or {@code https://}) becomes the key of
   * a GET of it with the {@code --header} headers, anything else is taken as a key.
   */
  String keyOf(String keyOrUrl) {
    if (!keyOrUrl.startsWith("http://") && !keyOrUrl.startsWith("https://")) {
      return keyOrUrl;
    }
    HttpUrl url = HttpUrl.parse(keyOrUrl);
    if (url == null) {
      throw new CliException("not a URL: " + keyOrUrl);
    }
    Request.Builder request = new Request.Builder().url(url);
    for (Map.Entry<String, String> header : options.requestHeaders()) {
      request.addHeader(header.getKey(), header.getValue());
    }
    return keys.inspector().keyOf(request.build())
        .orElseThrow(() -> new CliException("cannot compute a key for " + keyOrUrl));
  }

  @Override
  public void close() {
    keys.close();
    if (client != null) {
      client.close();
    }
  }
}
