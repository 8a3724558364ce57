package dev.cachedhttp.bench;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CacheStats;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.dynamodb.DynamoDbBackend;
import dev.cachedhttp.dynamodb.internal.TableLayout;
import dev.cachedhttp.testkit.dynamodb.DynamoDbLocal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.ByteString;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The fleet figures of one run on one DynamoDB Local (in this JVM) and a MockWebServer origin:
 * cold starts of new instances in their own JVMs ({@link FleetInstance}), with the defaults and
 * with the breaker and client of before the cold-start work; the sustained background write rate
 * of one instance under {@value FleetWrites#RATE} storable misses a second, by number of writer
 * threads; and 1 MiB and 3 MiB incompressible bodies stored by one instance and read by another
 * (its own backend and SDK client): stored?, hit latency, DynamoDB requests per hit, items; and
 * what instances share ({@link FleetSharing}: the near cache on a hot key, leases on cold keys).
 * Writes the report as Markdown to the file named by the first argument, and prints it.
 */
public final class FleetBench {
  private static final int HITS = 20;

  private final DynamoDbLocal local = DynamoDbLocal.start();
  private final MockWebServer origin = new MockWebServer();
  private final List<String> lines = new ArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger slowRequests =
      new java.util.concurrent.atomic.AtomicInteger();
  private int tables;

  private FleetBench() throws IOException {
    origin.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        List<String> path = request.getUrl().pathSegments();
        int n = Integer.parseInt(path.get(1));
        if (path.get(0).equals("slow")) {
          slowRequests.incrementAndGet();
          Thread.sleep(300); // the origin's latency
        }
        if (path.get(0).equals("big")) {
          return new MockResponse.Builder().addHeader("Content-Type", "application/zip")
              .body(new Buffer().write(incompressible(n))).build();
        }
        return new MockResponse.Builder().addHeader("Content-Type", "text/plain")
            .body(textBody(n)).build();
      }
    });
    origin.start(InetAddress.getLoopbackAddress(), 0);
  }

  /** The body of {@code /r/n} and {@code /w/n}: about 2 KB of text. */
  static String textBody(int n) {
    return ("response " + n + " of the fleet bench. ").repeat(60);
  }

  static ByteString incompressible(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return ByteString.of(bytes);
  }

  /** Runs every section and writes the report to {@code args[0]} (default: stdout only). */
  public static void main(String[] args) throws Exception {
    FleetBench bench = new FleetBench();
    try {
      ReportFile.emit(bench.runAll(), args);
    } finally {
      bench.origin.close();
      bench.local.close();
    }
    System.exit(0);
  }

  private String runAll() throws Exception {
    warmUpDynamoDbLocal();
    lines.add("## Cold start: a new JVM, " + FleetInstance.CALLERS
        + " callers from the first call, " + FleetInstance.URLS + " URLs; then a second new JVM");
    lines.add("");
    lines.add("| instances | breaker opened (1st, 2nd) | writes (1st) | dropped (1st) | "
        + "backend errors (1st, 2nd) | hits of the 2nd | build (1st) | run (1st, 2nd) |");
    lines.add("|---|---|---|---|---|---|---|---|");
    coldStart("new");
    coldStart("old");
    lines.add("");
    new FleetWrites(local, origin, lines).run(newTable());
    lines.add("");
    lines.add("## Bodies past 400 KB: stored by one instance, read by another");
    lines.add("");
    lines.add("| body | stored? | hit p50 | hit p90 | DynamoDB requests per hit | items |");
    lines.add("|---|---|---|---|---|---|");
    largeBody(1 << 20);
    largeBody(3 << 20);
    lines.add("");
    new FleetSharing(this, local, origin, slowRequests::get, lines).run();
    lines.add("");
    lines.add(Machine.describe());
    return String.join("\n", lines) + "\n";
  }

  /** DynamoDB Local is a warm, long-running server in a fleet; its first requests compile it. */
  private void warmUpDynamoDbLocal() {
    String table = newTable();
    DynamoDbClient client = local.client();
    Map<String, AttributeValue> key = TableLayout.primaryKey("warm-up", "k");
    for (int i = 0; i < 500; i++) {
      client.putItem(r -> r.tableName(table).item(Map.of(TableLayout.PARTITION_KEY,
          AttributeValue.fromS("warm-up"), TableLayout.SORT_KEY, AttributeValue.fromS("k"),
          "body", AttributeValue.fromS(textBody(1)))));
      client.batchGetItem(r -> r.requestItems(Map.of(table,
          KeysAndAttributes.builder().keys(key).build())));
    }
  }

  String newTable() {
    String table = "fleet_" + (++tables);
    local.client().createTable(TableLayout.createTableRequest(table));
    return table;
  }

  private void coldStart(String variant) throws Exception {
    String table = newTable();
    Map<String, Long> first = instance(table, variant);
    Map<String, Long> second = instance(table, variant);
    long calls = (long) FleetInstance.CALLERS * FleetInstance.URLS;
    lines.add(String.format(Locale.ROOT,
        "| %s | %d, %d | %d | %d | %d, %d | %.1f %% | %d ms | %d ms, %d ms |",
        variant.equals("new") ? "defaults" : "before (slow reads counted from the first "
            + "call, no warm-up)", first.get("opened"), second.get("opened"),
        first.get("writes"), first.get("dropped"), first.get("errors"), second.get("errors"),
        100.0 * second.get("hits") / calls, first.get("buildMs"), first.get("runMs"),
        second.get("runMs")));
  }

  private Map<String, Long> instance(String table, String variant) throws Exception {
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp",
        System.getProperty("java.class.path"), FleetInstance.class.getName(),
        local.endpoint().toString(), table, origin.url("/").toString().replaceAll("/$", ""),
        variant).redirectErrorStream(true).start();
    Map<String, Long> stats = new java.util.HashMap<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        System.out.println("instance: " + line);
        if (line.startsWith("STATS ")) {
          for (String pair : line.substring(6).split(" ")) {
            String[] kv = pair.split("=");
            stats.put(kv[0], Long.parseLong(kv[1]));
          }
        }
      }
    }
    if (process.waitFor() != 0 || stats.isEmpty()) {
      throw new IllegalStateException("the instance failed (exit " + process.exitValue() + ")");
    }
    return stats;
  }

  private void largeBody(int size) throws Exception {
    String table = newTable();
    String url = origin.url("/big/" + size).toString();
    try (CachedClient writer = CachedClient.builder().backend(backend(table, null).build())
        .expireAfter(java.time.Duration.ofHours(1)).build()) {
      get(writer.client(), url);
    }
    RequestCounter counter = new RequestCounter();
    DynamoDbClient counted = local.clientBuilder()
        .overrideConfiguration(o -> o.addExecutionInterceptor(counter)).build();
    long[] nanos = new long[HITS];
    boolean stored;
    try (CachedClient reader = CachedClient.builder().backend(backend(table, counted).build())
        .expireAfter(java.time.Duration.ofHours(1)).build()) {
      get(reader.client(), url);
      counter.reset();
      CacheStats before = reader.stats();
      for (int i = 0; i < HITS; i++) {
        long start = System.nanoTime();
        get(reader.client(), url);
        nanos[i] = System.nanoTime() - start;
      }
      stored = reader.stats().hits() - before.hits() == HITS;
    } finally {
      counted.close();
    }
    java.util.Arrays.sort(nanos);
    int items = local.client().scanPaginator(r -> r.tableName(table).select(Select.COUNT))
        .stream().mapToInt(page -> page.count()).sum();
    lines.add(String.format(Locale.ROOT, "| %d MiB incompressible | %s | %.1f ms | %.1f ms | "
            + "%.2f | %d (a head and %d chunks) |", size >> 20, stored ? "yes" : "NO",
        nanos[HITS / 2] / 1e6, nanos[HITS * 9 / 10] / 1e6, counter.total() / (double) HITS, items,
        items - 1));
  }

  DynamoDbBackend.Builder backend(String table, DynamoDbClient client) {
    DynamoDbBackend.Builder builder = DynamoDbBackend.builder().tableName(table);
    return client != null ? builder.client(client) : builder.endpointOverride(local.endpoint())
        .region(local.region()).credentialsProvider(local.credentials());
  }

  static CacheInfo.Source get(OkHttpClient client, String url) throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
      response.body().bytes();
      return CacheInfo.of(response).source();
    }
  }
}
