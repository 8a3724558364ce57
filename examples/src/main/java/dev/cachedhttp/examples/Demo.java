package dev.cachedhttp.examples;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CacheStats;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.CircuitBreakerConfig;
import dev.cachedhttp.dynamodb.DynamoDbBackend;
import dev.cachedhttp.memory.MemoryBackend;
import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.testkit.dynamodb.DynamoDbLocal;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The README's demo: fetches a few URLs from a slow local origin twice through a cache and
 * prints what came from the network, what came from the cache and how long each call took.
 *
 * <p>By default the cache is a DynamoDB table in a DynamoDB Local started in this process (no AWS
 * account, no Docker), and the demo ends by printing one stored item. Arguments: {@code memory}
 * uses the memory backend instead; {@code --keep} leaves DynamoDB Local running (on port {@value
 * DynamoDbLocal#DEFAULT_PORT} unless {@code --port N}) and prints the {@code aws} and {@code
 * cachedhttp} commands that read the table, until Ctrl-C. Without {@code --keep} the program
 * ends as soon as its last line is printed: everything it started is stopped. {@code sqlite}
 * (and optionally a file, default {@value #SQLITE_FILE}) uses a SQLite file that outlives the
 * run: run it twice and the second run is served from the file the first wrote.
 */
public final class Demo {
  private static final Duration ORIGIN_LATENCY = Duration.ofMillis(150);
  private static final String ROW = "  %-8s %-6s %9s  %-36s %s%n";

  /** The SQLite file of {@code sqlite} runs, in the working folder. */
  static final String SQLITE_FILE = "http_cache.db";

  /** The origin's port in {@code sqlite} runs: keys name the port, so every run uses one. */
  static final int SQLITE_ORIGIN_PORT = 47_800;

  private Demo() {}

  /**
   * Runs the demo: {@code [dynamodb|memory] [--keep] [--port N]}, or {@code sqlite [FILE]}.
   *
   * @throws IllegalArgumentException naming an argument that is not understood
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("sqlite")) {
      try (LocalOrigin origin = LocalOrigin.start(ORIGIN_LATENCY, SQLITE_ORIGIN_PORT)) {
        SqliteDemo.run(origin, Path.of(args.length > 1 ? args[1] : SQLITE_FILE), System.out);
      }
      return;
    }
    DemoOptions options = DemoOptions.parse(args);
    try (LocalOrigin origin = LocalOrigin.start(ORIGIN_LATENCY)) {
      if (options.memory()) {
        run(origin, MemoryBackend.builder().maxEntries(1_000).maxBytes(16L << 20).build(),
            System.out);
        return;
      }
      DynamoDbLocal local = options.keep() ? DynamoDbLocal.start(options.port())
          : DynamoDbLocal.start();
      try {
        runOnDynamoDbLocal(origin, local, System.out);
        if (options.keep()) {
          DemoTable.printCommands(local, System.out);
          waitForCtrlC(local);
        } else {
          System.out.printf("%nDynamoDB Local stops with the demo. To query the table yourself, "
              + "run the demo with --keep:%n  mvn -q -B -pl examples exec:java "
              + "-Dexec.args=--keep%n");
        }
      } finally {
        local.close();
      }
    }
  }

  private static void waitForCtrlC(DynamoDbLocal local) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      local.close();
      stopped.countDown();
    }, "demo-stop"));
    stopped.await();
  }

  /**
   * Runs the demo on a table in a new in-process DynamoDB Local, prints one stored item and
   * stops the server.
   */
  public static CacheStats runOnDynamoDbLocal(LocalOrigin origin, PrintStream out)
      throws IOException {
    try (DynamoDbLocal local = DynamoDbLocal.start()) {
      return runOnDynamoDbLocal(origin, local, out);
    }
  }

  private static CacheStats runOnDynamoDbLocal(LocalOrigin origin, DynamoDbLocal local,
      PrintStream out) throws IOException {
    DynamoDbBackend dynamo = DynamoDbBackend.builder()
        .tableName(DemoTable.TABLE)
        .region(local.region())
        .endpointOverride(local.endpoint())
        .credentialsProvider(local.credentials())
        .createTable(true)
        // DynamoDB Local shares this JVM and compiles its code during the first calls, which
        // the production read budget (250 ms, 100 ms per attempt) would turn into misses
        .readTimeout(Duration.ofSeconds(2))
        .readAttemptTimeout(Duration.ofSeconds(2))
        .build();
    out.printf("DynamoDB Local: %s, in this JVM; the cache's table: %s%n", local.endpoint(),
        DemoTable.TABLE);
    CacheStats stats = run(origin, dynamo, out);
    DemoTable.printOneItem(local, out);
    return stats;
  }

  /** Runs the demo over {@code backend} against {@code origin}, printing to {@code out}. */
  public static CacheStats run(LocalOrigin origin, Backend backend, PrintStream out)
      throws IOException {
    out.printf("origin:   %s, a local server that answers in %d ms%n", origin.baseUrl(),
        ORIGIN_LATENCY.toMillis());
    out.printf("backend:  %s%n", backend.getClass().getSimpleName());
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
      boolean warm;
      try (Stream<String> keys = backend.responses().keys()) {
        warm = keys.findAny().isPresent();
      }
      out.printf(warm
          ? "%nround 1: an earlier run left entries in the cache, so these come from it%n"
          : "%nround 1: nothing is cached yet, so every call goes to the origin%n");
      out.printf(ROW, "from", "status", "time", "path", "body");
      for (String path : paths) {
        fetch(client, origin.baseUrl() + path, out);
      }
      out.printf("round 2: the same URLs again, answered from the cache%n");
      for (String path : paths) {
        fetch(client, origin.baseUrl() + path, out);
      }
      out.printf("redirect target: /old/3 was redirected to /users/3 in round 1, so /users/3 is"
          + " cached too%n");
      fetch(client, origin.baseUrl() + "/users/3", out);
      CacheStats stats = cached.stats();
      out.printf("%ntotals: origin requests %d; cache hits %d, misses %d, writes %d, "
              + "backend errors %d; stored responses %d%n", origin.requestCount(),
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
      out.printf(ROW, info.fromCache() ? "CACHE" : "NETWORK", response.code(),
          String.format("%.2f ms", millis),
          url.substring(url.indexOf('/', 8)).replace("demo-secret", "***"),
          body.length() + " bytes");
    }
  }
}
