package dev.cachedhttp.examples;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CacheStats;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.CircuitBreakerConfig;
import dev.cachedhttp.dynamodb.DynamoDbBackend;
import dev.cachedhttp.memory.MemoryBackend;
import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.testkit.dynamodb.CliJson;
import dev.cachedhttp.testkit.dynamodb.DynamoDbLocal;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The README's demo: fetches a few URLs from a slow local origin twice through a cache and
 * prints what came from the network, what came from the cache and how long each call took.
 *
 * <p>By default the cache is a DynamoDB table in a DynamoDB Local started in this process (no AWS
 * account, no Docker), and the demo ends by printing one stored item as {@code aws dynamodb
 * query} shows it. Pass {@code memory} as the first argument to use the memory backend instead,
 * or {@code sqlite} (and optionally a file, default {@value #SQLITE_FILE}) for a SQLite file that
 * outlives the run: run it twice and the second run is served from the file the first wrote.
 */
public final class Demo {
  private static final Duration ORIGIN_LATENCY = Duration.ofMillis(150);

  /** The SQLite file of {@code sqlite} runs, in the working folder. */
  static final String SQLITE_FILE = "http_cache.db";

  /** The origin's port in {@code sqlite} runs: keys name the port, so every run uses one. */
  static final int SQLITE_ORIGIN_PORT = 47_800;

  private Demo() {}

  /** Runs the demo: {@code dynamodb} (default), {@code memory} or {@code sqlite [FILE]}. */
  public static void main(String[] args) throws Exception {
    String backend = args.length == 0 ? "dynamodb" : args[0];
    if (backend.equals("sqlite")) {
      try (LocalOrigin origin = LocalOrigin.start(ORIGIN_LATENCY, SQLITE_ORIGIN_PORT)) {
        SqliteDemo.run(origin, Path.of(args.length > 1 ? args[1] : SQLITE_FILE), System.out);
      }
      return;
    }
    try (LocalOrigin origin = LocalOrigin.start(ORIGIN_LATENCY)) {
      switch (backend) {
        case "memory" -> run(origin,
            MemoryBackend.builder().maxEntries(1_000).maxBytes(16L << 20).build(), System.out);
        case "dynamodb" -> runOnDynamoDbLocal(origin, System.out);
        default -> throw new IllegalArgumentException("unknown backend '" + backend
            + "': use dynamodb, memory or sqlite");
      }
    }
  }

  /** Runs the demo on a table in an in-process DynamoDB Local and prints one stored item. */
  public static CacheStats runOnDynamoDbLocal(LocalOrigin origin, PrintStream out)
      throws IOException {
    try (DynamoDbLocal local = DynamoDbLocal.start()) {
      out.printf("DynamoDB Local listening on %s%n", local.endpoint());
      DynamoDbBackend dynamo = DynamoDbBackend.builder()
          .tableName("http_cache")
          .region(local.region())
          .endpointOverride(local.endpoint())
          .credentialsProvider(local.credentials())
          .createTable(true)
          // DynamoDB Local shares this JVM and compiles its code during the first calls, which
          // the production read budget (250 ms, 100 ms per attempt) would turn into misses
          .readTimeout(Duration.ofSeconds(2))
          .readAttemptTimeout(Duration.ofSeconds(2))
          .build();
      CacheStats stats = run(origin, dynamo, out);
      printOneItem(local, out);
      return stats;
    }
  }

  private static void printOneItem(DynamoDbLocal local, PrintStream out) {
    List<Map<String, AttributeValue>> items = local.client().query(q -> q
        .tableName("http_cache")
        .keyConditionExpression("#ns = :n")
        .expressionAttributeNames(Map.of("#ns", "namespace"))
        .expressionAttributeValues(Map.of(":n", AttributeValue.fromS("responses")))
        .limit(1)).items();
    out.printf("%n$ aws dynamodb query --table-name http_cache --endpoint-url %s \\%n"
        + "    --key-condition-expression \"namespace = :n\" \\%n"
        + "    --expression-attribute-values '{\":n\": {\"S\": \"responses\"}}' "
        + "--max-items 1%n", local.endpoint());
    out.println(CliJson.queryOutput(items));
  }

  /** Runs the demo over {@code backend} against {@code origin}, printing to {@code out}. */
  public static CacheStats run(LocalOrigin origin, Backend backend, PrintStream out)
      throws IOException {
    out.printf("cachedhttp demo: origin %s answers in %d ms; backend %s%n%n", origin.baseUrl(),
        ORIGIN_LATENCY.toMillis(), backend.getClass().getSimpleName());
    try (CachedClient cached = CachedClient.builder()
        .backend(backend)
        .expireAfter(Duration.ofMinutes(5))
        .ignoredParameters("api_key")
        // the first reads of an in-process DynamoDB Local are slow (see above); they must not
        // count as a sick backend
        .circuitBreaker(CircuitBreakerConfig.custom().slowCallThreshold(Duration.ofSeconds(2))
            .build())
        .build()) {
      OkHttpClient client = cached.client();
      List<String> paths = List.of("/users/1?api_key=demo-secret", "/users/2", "/old/3");
      for (int round = 1; round <= 2; round++) {
        out.printf("round %d%n", round);
        for (String path : paths) {
          fetch(client, origin.baseUrl() + path, out);
        }
        out.println();
      }
      fetch(client, origin.baseUrl() + "/users/3", out);
      CacheStats stats = cached.stats();
      out.printf("%norigin requests: %d; cache hits: %d, misses: %d, writes: %d, "
              + "backend errors: %d; stored responses: %d%n", origin.requestCount(),
          stats.hits(), stats.misses(), stats.writes(), stats.backendErrors(),
          cached.inspector().count());
      return stats;
    }
  }

  private static void fetch(OkHttpClient client, String url, PrintStream out)
      throws IOException {
    long start = System.nanoTime();
    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
      String body = response.body().string();
      double millis = (System.nanoTime() - start) / 1e6;
      CacheInfo info = CacheInfo.of(response);
      out.printf("  %-7s %3d %8.2f ms  %-36s %d bytes%n",
          info.fromCache() ? "CACHE" : "NETWORK", response.code(), millis,
          url.substring(url.indexOf('/', 8)).replace("demo-secret", "***"), body.length());
    }
  }
}
