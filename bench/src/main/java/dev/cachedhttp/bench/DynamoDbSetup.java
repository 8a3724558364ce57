package dev.cachedhttp.bench;

import dev.cachedhttp.CachedClient;
import dev.cachedhttp.WriteMode;
import dev.cachedhttp.dynamodb.DynamoDbBackend;
import dev.cachedhttp.testkit.dynamodb.DynamoDbLocal;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okio.ByteString;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * cachedhttp on a {@link DynamoDbBackend} (default settings, table created on start) over an
 * in-process DynamoDB Local on loopback, with every DynamoDB request counted, in front of an
 * {@link Origin}. The DynamoDB client uses the SDK HTTP client a backend builds for itself by
 * default ({@code apache-client}); the cache writes on the caller's thread ({@link
 * WriteMode#SYNC}), so a miss has stored its response when the call returns. DynamoDB Local is a Java emulation on the same two cores: its latency says
 * nothing about production DynamoDB, where a request is a network round trip.
 */
public final class DynamoDbSetup implements AutoCloseable {
  /** The backend's default compression threshold, which the codec benchmark uses too. */
  public static final int COMPRESS_ABOVE = DynamoDbBackend.DEFAULT_COMPRESS_ABOVE;

  /** The backend's default body limit, which the codec benchmark uses too. */
  public static final long MAX_BODY_BYTES = DynamoDbBackend.DEFAULT_MAX_BODY_BYTES;

  /** The backend's default read timeouts, for raw reads measured beside its lookups. */
  public static final AwsRequestOverrideConfiguration READ_TIMEOUTS =
      AwsRequestOverrideConfiguration.builder()
          .apiCallTimeout(DynamoDbBackend.DEFAULT_READ_TIMEOUT)
          .apiCallAttemptTimeout(DynamoDbBackend.DEFAULT_READ_ATTEMPT_TIMEOUT)
          .build();

  private final DynamoDbLocal local;
  private final RequestCounter counter = new RequestCounter();
  private final DynamoDbClient dynamo;
  private final DynamoDbBackend backend;
  private final CachedClient cached;
  private final Origin origin;

  private DynamoDbSetup(ByteString body) {
    this.local = DynamoDbLocal.start();
    this.dynamo = local.clientBuilder().httpClientBuilder(SdkHttpClients.APACHE.builder())
        .overrideConfiguration(o -> o.addExecutionInterceptor(counter))
        .build();
    this.backend = DynamoDbBackend.builder().client(dynamo).build();
    this.cached = CachedClient.builder().backend(backend).cacheControl(true)
        .writeMode(WriteMode.SYNC).build();
    this.origin = Origin.start(body);
  }

  /** Starts DynamoDB Local, the table, the cache and an origin serving {@code body}. */
  public static DynamoDbSetup start(ByteString body) {
    return new DynamoDbSetup(body);
  }

  /** The caching client. */
  public OkHttpClient client() {
    return cached.client();
  }

  /** The counter of DynamoDB requests sent by the backend. */
  public RequestCounter counter() {
    return counter;
  }

  /** The DynamoDB client the backend uses, whose requests are counted. */
  public DynamoDbClient dynamo() {
    return dynamo;
  }

  /** The backend. */
  public DynamoDbBackend backend() {
    return backend;
  }

  /** A client of the same DynamoDB Local whose requests are not counted. */
  public DynamoDbClient uncountedClient() {
    return local.client();
  }

  /** The table the backend uses. */
  public String tableName() {
    return backend.tableName();
  }

  /** The origin behind the cache. */
  public Origin origin() {
    return origin;
  }

  /**
   * The primary key of the one response item stored in the table.
   *
   * @throws IllegalStateException when the table holds no response or more than one
   */
  public Map<String, AttributeValue> onlyResponseKey() {
    List<Map<String, AttributeValue>> items = uncountedClient().query(r -> r
        .tableName(tableName()).keyConditionExpression("#n = :n")
        .expressionAttributeNames(Map.of("#n", "namespace"))
        .expressionAttributeValues(Map.of(":n", AttributeValue.fromS("responses")))
        .consistentRead(true)).items();
    if (items.size() != 1) {
      throw new IllegalStateException(items.size() + " responses stored, expected 1");
    }
    return Map.of("namespace", items.get(0).get("namespace"), "key", items.get(0).get("key"));
  }

  @Override
  public void close() {
    origin.close();
    cached.close();
    dynamo.close();
    local.close();
  }
}
