package dev.cachedhttp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.WriteMode;
import dev.cachedhttp.dynamodb.BodyFormat;
import dev.cachedhttp.dynamodb.DynamoDbBackend;
import dev.cachedhttp.dynamodb.internal.ItemSize;
import dev.cachedhttp.testkit.dynamodb.DynamoDbLocal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import okhttp3.Response;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * cachedhttp's DynamoDB backend side by side with requests-cache's, in one run on one DynamoDB
 * Local and one loopback origin: hit and miss times per body size and SDK HTTP client, the raw
 * {@code GetItem} floor of the same item with the same client, and stored item bytes per format.
 *
 * <p>{@code PeerComparison MODE PYTHON OUT.md}: MODE is {@code quick} or {@code full}, PYTHON
 * the interpreter that has requests-cache and boto3. Prints the tables and writes them to OUT.md.
 * The system property {@value #CLIENTS_PROPERTY} (e.g. {@code APACHE5,URL_CONNECTION}) picks the
 * HTTP clients and their order; by default all, the backend's default first.
 */
public final class PeerComparison {
  static final int[] SIZES = {1024, 32 * 1024, 256 * 1024};
  static final String CLIENTS_PROPERTY = "cachedhttp.bench.clients";
  /** The per-call timeouts the backend adds to its reads, for the raw BatchGetItem. */
  private static final AwsRequestOverrideConfiguration BACKEND_READ_TIMEOUTS =
      AwsRequestOverrideConfiguration.builder()
          .apiCallTimeout(DynamoDbBackend.DEFAULT_READ_TIMEOUT)
          .apiCallAttemptTimeout(DynamoDbBackend.DEFAULT_READ_ATTEMPT_TIMEOUT)
          .build();
  /** A discarded first pass over every client, so the first one measured is not the JIT's. */
  private static final int[] WARM_UP_PASS = {500, 200, 50};
  private static final String TABLE = "cachedhttp_peer";

  private final DynamoDbLocal local;
  private final Origin origin;
  private final String tag;
  private final int warmup;
  private final int hits;
  private final int misses;
  private final Map<SdkHttpClients, Map<Integer, Measured>> measured = new LinkedHashMap<>();

  /** One client and size: the cached hit, the raw GetItem and BatchGetItem, and the miss. */
  record Measured(Latency hit, Latency lookup, Latency getItem, Latency batchGetItem, Latency miss,
      long requestsPerHit) {}

  private PeerComparison(DynamoDbLocal local, Origin origin, boolean full) {
    this(local, origin, "", full ? new int[] {3000, 2000, 500} : new int[] {1000, 500, 200});
  }

  /** {@code tag} prefixes the cache names; {@code counts}: warm-up calls, hits, misses. */
  private PeerComparison(DynamoDbLocal local, Origin origin, String tag, int[] counts) {
    this.local = local;
    this.tag = tag;
    this.origin = origin;
    this.warmup = counts[0];
    this.hits = counts[1];
    this.misses = counts[2];
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: PeerComparison quick|full PYTHON OUT.md");
    }
    try (DynamoDbLocal local = DynamoDbLocal.start();
        Origin origin = Origin.start(Bodies.json(1024))) {
      PeerComparison run = new PeerComparison(local, origin, args[0].equals("full"));
      List<SdkHttpClients> clients = clients();
      for (SdkHttpClients http : clients) {
        new PeerComparison(local, origin, "warm-up-", WARM_UP_PASS).measure(http);
      }
      for (SdkHttpClients http : clients) {
        run.measured.put(http, run.measure(http));
      }
      Map<BodyFormat, Map<Integer, Long>> itemBytes = run.itemBytes();
      JsonNode peer = RequestsCachePeer.run(args[1], local.endpoint().toString(),
          origin.url("").toString(), SIZES, run.warmup, run.hits, run.misses);
      String report = new PeerReport(args[0], run.measured, itemBytes, peer).markdown();
      System.out.println(report);
      Files.writeString(Path.of(args[2]), report, StandardCharsets.UTF_8);
    }
  }

  private static List<SdkHttpClients> clients() {
    String names = System.getProperty(CLIENTS_PROPERTY);
    if (names == null) {
      List<SdkHttpClients> all = new ArrayList<>(List.of(SdkHttpClients.values()));
      all.remove(PeerReport.DEFAULT_CLIENT);
      all.add(0, PeerReport.DEFAULT_CLIENT);
      return all;
    }
    List<SdkHttpClients> chosen = new ArrayList<>();
    for (String name : names.split(",")) {
      chosen.add(SdkHttpClients.valueOf(name.strip()));
    }
    if (!chosen.contains(PeerReport.DEFAULT_CLIENT)) {
      throw new IllegalArgumentException(CLIENTS_PROPERTY + " must include the default client "
          + PeerReport.DEFAULT_CLIENT + " but was " + names);
    }
    return chosen;
  }

  private Map<Integer, Measured> measure(SdkHttpClients http) throws Exception {
    RequestCounter counter = new RequestCounter();
    Map<Integer, Measured> bySize = new LinkedHashMap<>();
    try (DynamoDbClient dynamo = local.clientBuilder().httpClientBuilder(http.builder())
        .overrideConfiguration(o -> o.addExecutionInterceptor(counter)).build()) {
      for (int size : SIZES) {
        String cacheName = tag + http.name() + "-" + size;
        DynamoDbBackend backend = backend(dynamo, cacheName, BodyFormat.EXACT);
        try (CachedClient cached = cache(backend)) {
          bySize.put(size, measure(cached, backend, dynamo, counter, cacheName, size));
        }
      }
    }
    return bySize;
  }

  private Measured measure(CachedClient cached, DynamoDbBackend backend, DynamoDbClient dynamo,
      RequestCounter counter, String cacheName, int size) throws Exception {
    Request request = request(size, cacheName);
    expect(cached, request, CacheInfo.Source.NETWORK);
    Map<String, AttributeValue> key = onlyKey(dynamo, cacheName);
    counter.reset();
    Latency hit = Latency.measure(warmup, hits, i -> expect(cached, request,
        CacheInfo.Source.CACHE));
    long requestsPerHit = counter.total() / (warmup + hits);
    Latency lookup = Latency.measure(warmup, hits, i -> backend.lookup(key.get("key").s())
        .orElseThrow());
    Latency getItem = Latency.measure(warmup, hits, i -> dynamo.getItem(r -> r
        .tableName(TABLE).key(key)));
    Map<String, AttributeValue> alias = new LinkedHashMap<>(key);
    alias.put("namespace", AttributeValue.fromS(cacheName + ":redirects"));
    Latency batch = Latency.measure(warmup, hits, i -> dynamo.batchGetItem(r -> r
        .requestItems(Map.of(TABLE, KeysAndAttributes.builder().keys(key, alias).build()))
        .overrideConfiguration(BACKEND_READ_TIMEOUTS)));
    Latency miss = Latency.measure(20, misses, i -> expect(cached,
        request(size, cacheName + "&miss=" + i), CacheInfo.Source.NETWORK));
    return new Measured(hit, lookup, getItem, batch, miss, requestsPerHit);
  }

  private static DynamoDbBackend backend(DynamoDbClient dynamo, String cacheName,
      BodyFormat format) {
    return DynamoDbBackend.builder().client(dynamo).tableName(TABLE).cacheName(cacheName)
        .bodyFormat(format).build();
  }

  /** Writes on the caller's thread: a miss includes its PutItem, as requests-cache's does. */
  private static CachedClient cache(DynamoDbBackend backend) {
    return CachedClient.builder().backend(backend).cacheControl(true)
        .writeMode(WriteMode.SYNC).build();
  }

  private Request request(int size, String tag) {
    return new Request.Builder().url(origin.url("/json/" + size + "?client=" + tag)).build();
  }

  static void expect(CachedClient cached, Request request, CacheInfo.Source source)
      throws IOException {
    try (Response response = cached.client().newCall(request).execute()) {
      response.body().source().readByteString();
      if (CacheInfo.of(response).source() != source) {
        throw new IllegalStateException(request.url() + " was " + CacheInfo.of(response).source()
            + ", expected " + source);
      }
    }
  }

  /** The primary key of the one response stored under {@code cacheName}. */
  private static Map<String, AttributeValue> onlyKey(DynamoDbClient dynamo, String cacheName) {
    List<Map<String, AttributeValue>> items = dynamo.query(r -> r.tableName(TABLE)
        .keyConditionExpression("#n = :n").expressionAttributeNames(Map.of("#n", "namespace"))
        .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(cacheName + ":responses")))
        .consistentRead(true)).items();
    if (items.size() != 1) {
      throw new IllegalStateException(items.size() + " responses stored under " + cacheName);
    }
    return Map.of("namespace", items.get(0).get("namespace"), "key", items.get(0).get("key"));
  }

  /** The bytes of the stored item for each body size, in each body format. */
  private Map<BodyFormat, Map<Integer, Long>> itemBytes() throws Exception {
    Map<BodyFormat, Map<Integer, Long>> bytes = new LinkedHashMap<>();
    try (DynamoDbClient dynamo = local.clientBuilder().build()) {
      for (BodyFormat format : BodyFormat.values()) {
        Map<Integer, Long> bySize = new LinkedHashMap<>();
        for (int size : SIZES) {
          String cacheName = format.name() + "-" + size;
          try (CachedClient cached = cache(backend(dynamo, cacheName, format))) {
            expect(cached, request(size, cacheName), CacheInfo.Source.NETWORK);
          }
          Map<String, AttributeValue> key = onlyKey(dynamo, cacheName);
          bySize.put(size, ItemSize.of(dynamo.getItem(r -> r.tableName(TABLE).key(key)
              .consistentRead(true)).item()));
        }
        bytes.put(format, bySize);
      }
    }
    return bytes;
  }
}
